/* layout.c: sizes, alignments and record layouts as clang computes them for
 * wasm32 (the Itanium / System V rules of clang's ItaniumRecordLayoutBuilder,
 * without ms_struct or C++): scalars from target.c's table,
 * pointers 4/4, enums as their integer type, packed and aligned attributes,
 * #pragma pack (a maximum field alignment),
 * bitfields in aligned storage units of their declared type. */
#include "internal.h"

static int64_t align_to(int64_t n, int64_t align) {
  return align > 1 ? (n + align - 1) / align * align : n;
}

int64_t layout_sizeof(Ctx *ctx, const Type *ty) {
  switch (ty->kind) {
  case TY_VOID:
  case TY_FUNC: return -1;
  case TY_PTR: return 4;
  case TY_ENUM:
    return ty->enumdecl && ty->enumdecl->int_type ? layout_sizeof(ctx, ty->enumdecl->int_type) : -1;
  case TY_ARRAY: {
    if (ty->array_len < 0)
      return -1;
    int64_t elem = layout_sizeof(ctx, ty->base);
    return elem < 0 ? -1 : elem * ty->array_len;
  }
  case TY_STRUCT: return ty->record->complete ? ty->record->size : -1;
  case TY_COMPLEX: return 2 * layout_sizeof(ctx, ty->base);
  default: return target_scalars[ty->kind].size;
  }
}

int layout_alignof(Ctx *ctx, const Type *ty) {
  if (ty->align_override)
    return ty->align_override;
  switch (ty->kind) {
  case TY_VOID:
  case TY_FUNC: return 1;
  case TY_PTR: return 4;
  case TY_ENUM:
    return ty->enumdecl && ty->enumdecl->int_type ? layout_alignof(ctx, ty->enumdecl->int_type) : 1;
  case TY_ARRAY: return layout_alignof(ctx, ty->base);
  case TY_STRUCT: return ty->record->complete ? ty->record->align : 1;
  case TY_COMPLEX: return layout_alignof(ctx, ty->base);
  default: return target_scalars[ty->kind].align;
  }
}

/* The running state of one record's layout, in bits like clang's. */
typedef struct {
  int64_t data_bits; /* end of the last field, rounded up to a byte */
  int64_t unfilled;  /* bits of the last byte(s) a bitfield left free */
  int64_t size_bits;
  int64_t align; /* bytes */
} Layout;

/* A bitfield (ItaniumRecordLayoutBuilder::LayoutBitField): placed at the
 * next free bit unless it would cross a storage unit of its declared type,
 * then at the next multiple of the type's alignment. */
static void layout_bitfield(Ctx *ctx, Record *rec, Layout *l, Member *m) {
  int64_t width = m->bit_width;
  int64_t unit = layout_sizeof(ctx, m->type) * 8;
  int64_t field_align = (int64_t)layout_alignof(ctx, m->type) * 8;
  bool packed = rec->packed || m->packed;
  int64_t offset = rec->is_union ? 0 : l->data_bits - l->unfilled;

  if (packed && width != 0)
    field_align = 1;
  int64_t explicit_align = (int64_t)m->align_attr * 8;
  if (explicit_align && explicit_align > field_align)
    field_align = explicit_align;
  /* #pragma pack caps even aligned(N), for non-zero widths, and suppresses
   * the padding before a bitfield that would cross its storage unit. */
  int64_t max_align = (int64_t)rec->pack * 8;
  if (max_align && width != 0) {
    /* a packed bitfield then counts with its capped unpacked alignment */
    int64_t unpacked = (int64_t)layout_alignof(ctx, m->type) * 8;
    if (explicit_align > unpacked)
      unpacked = explicit_align;
    if (unpacked > max_align)
      unpacked = max_align;
    field_align = packed ? unpacked : field_align < max_align ? field_align : max_align;
  }

  if (width == 0 || (!max_align && (offset & (field_align - 1)) + width > unit))
    offset = align_to(offset, field_align);
  else if (explicit_align && (!max_align || explicit_align <= max_align))
    offset = align_to(offset, explicit_align);

  m->bit_offset = offset;
  m->offset = offset / 8;

  /* Unnamed bitfields do not raise the record's alignment. */
  if (!m->name)
    field_align = 1;

  if (rec->is_union) {
    int64_t rounded = align_to(width, 8);
    if (rounded > l->data_bits)
      l->data_bits = rounded;
  } else {
    int64_t end = offset + width;
    l->data_bits = align_to(end, 8);
    l->unfilled = l->data_bits - end;
  }
  if (l->data_bits > l->size_bits)
    l->size_bits = l->data_bits;
  if (field_align / 8 > l->align)
    l->align = field_align / 8;
}

/* Any other member (ItaniumRecordLayoutBuilder::LayoutField). */
static void layout_field(Ctx *ctx, Record *rec, Layout *l, Member *m) {
  l->unfilled = 0;
  bool flexible = m->type->kind == TY_ARRAY && m->type->array_len < 0;
  int64_t size = flexible ? 0 : layout_sizeof(ctx, m->type);
  if (size < 0)
    size = 0; /* incomplete: reported by the parser */
  int64_t type_align = layout_alignof(ctx, m->type);
  bool packed = rec->packed || m->packed;
  int64_t field_align = packed ? 1 : type_align;
  if (m->align_attr > field_align)
    field_align = m->align_attr;
  if (rec->pack && field_align > rec->pack)
    field_align = rec->pack; /* #pragma pack overrides aligned(N) too */

  int64_t offset = rec->is_union ? 0 : align_to(l->data_bits / 8, field_align);
  m->offset = offset;
  m->bit_offset = offset * 8;

  int64_t end_bits = (offset + size) * 8;
  if (rec->is_union) {
    if (end_bits > l->data_bits)
      l->data_bits = end_bits;
  } else {
    l->data_bits = end_bits;
  }
  if (l->data_bits > l->size_bits)
    l->size_bits = l->data_bits;
  if (field_align > l->align)
    l->align = field_align;
}

void layout_record(Ctx *ctx, Record *rec) {
  Member *all = rec->all_members ? rec->all_members : rec->members;
  int n = rec->all_members ? rec->nall_members : rec->nmembers;
  Layout l = {0, 0, 0, 1};
  if (rec->align_attr > l.align)
    l.align = rec->align_attr;

  int named = 0;
  for (int i = 0; i < n; i++) {
    Member *m = &all[i];
    if (m->bit_width >= 0)
      layout_bitfield(ctx, rec, &l, m);
    else
      layout_field(ctx, rec, &l, m);
    if (m->name)
      named++;
  }
  rec->align = (int)l.align;
  rec->size = align_to(l.size_bits, l.align * 8) / 8;

  /* The reported members: all but the unnamed bitfields. */
  if (rec->all_members) {
    Member *members = arena_alloc(ctx, sizeof(Member) * (size_t)(named ? named : 1));
    int j = 0;
    for (int i = 0; i < n; i++)
      if (all[i].name)
        members[j++] = all[i];
    rec->members = members;
    rec->nmembers = j;
  }
}
