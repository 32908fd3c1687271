/* runtime_regions.c: the parts of web/runtime.js a generated module carries.
 *
 * runtime.js is cut into regions (`//#region NAME [needs OTHER...]` ...
 * `//#endregion`); a library wants some of them (emit_js.c says which), and
 * of those only the top-level declarations its code uses, directly or
 * through one another, are emitted: a library without 64-bit bytes arrays
 * does not carry copyBack or asBytes. Module-level regions sit before
 * `createInstanceRuntime` (indentation 0), instance-level ones inside it
 * (indentation 2). */
#include "internal.h"
#include <string.h>

/* web/runtime.js, embedded at build time (tools/embed.sh). */
extern const char wb_runtime_js[];

/* One top-level declaration (with the comments before it), or a statement. */
typedef struct {
  const char *start, *end;
  const char **names; /* what it declares; none: a statement, always kept */
  int nnames;
  bool kept;
} Chunk;

typedef struct {
  const char *name;
  int name_len;
  const char *needs, *needs_end;
  const char *body, *end; /* the lines between the markers */
  bool instance;          /* inside createInstanceRuntime */
  bool wanted;
  Chunk *chunks;
  int nchunks;
} Region;

enum { MAX_REGIONS = 32 };

struct RuntimeRegions {
  Region regions[MAX_REGIONS];
  int n;
};

static bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$';
}

static int indent_of(const char *line) {
  int n = 0;
  while (line[n] == ' ')
    n++;
  return n;
}

/* The names a declaration's first line introduces: `function f(`, `class
 * C`, `const a = ..., b = ...` (names before a top-level `=`). */
static void declared_names(Ctx *ctx, Chunk *c, const char *line, const char *eol) {
  Vec names = {0};
  const char *p = line + indent_of(line);
  static const char *const heads[] = {"async function ", "function ", "class ", "const ", "let "};
  const char *head = NULL;
  for (size_t i = 0; i < sizeof heads / sizeof heads[0] && !head; i++)
    if (!strncmp(p, heads[i], strlen(heads[i])))
      head = heads[i];
  if (!head)
    return;
  p += strlen(head);
  if (strstr(head, "function") || !strcmp(head, "class ")) {
    /* function or class: one name */
    const char *q = p;
    while (q < eol && is_ident_char(*q))
      q++;
    if (q > p)
      vec_push(ctx, &names, arena_strndup(ctx, p, (size_t)(q - p)));
  } else {
    int depth = 0;
    for (const char *q = p; q < eol; q++) {
      if (*q == '(' || *q == '[' || *q == '{')
        depth++;
      else if (*q == ')' || *q == ']' || *q == '}')
        depth--;
      else if (depth == 0 && is_ident_char(*q) && (q == p || !is_ident_char(q[-1]))) {
        const char *e = q;
        while (e < eol && is_ident_char(*e))
          e++;
        const char *after = e;
        while (after < eol && *after == ' ')
          after++;
        bool first = q == p;
        bool after_comma = false;
        for (const char *b = q - 1; b >= p && !first; b--) {
          if (*b == ' ')
            continue;
          after_comma = *b == ',';
          break;
        }
        if ((first || after_comma) && *after == '=' && after[1] != '=' && after[1] != '>')
          vec_push(ctx, &names, arena_strndup(ctx, q, (size_t)(e - q)));
        q = e - 1;
      }
    }
  }
  c->names = (const char **)names.items;
  c->nnames = names.len;
}

/* Cuts a region's body into chunks: a chunk starts at a line with the
 * region's indentation that does not close a block; comment-only chunks
 * join the next one. */
static void cut_chunks(Ctx *ctx, Region *r) {
  int base = r->instance ? 2 : 0;
  Vec chunks = {0};
  Chunk *cur = NULL;
  bool cur_comment_only = false;
  for (const char *line = r->body; line < r->end;) {
    const char *eol = strchr(line, '\n');
    eol = eol && eol < r->end ? eol : r->end;
    const char *text = line + indent_of(line);
    bool blank = text >= eol;
    bool closes = *text == '}' || *text == ')' || *text == ']';
    bool comment = !strncmp(text, "//", 2) || !strncmp(text, "/*", 2) || *text == '*';
    if (!blank && indent_of(line) == base && !closes && !(cur && cur_comment_only)) {
      cur = arena_alloc(ctx, sizeof *cur);
      cur->start = line;
      vec_push(ctx, &chunks, cur);
      cur_comment_only = comment;
      if (!comment)
        declared_names(ctx, cur, line, eol);
    } else if (cur && cur_comment_only && !blank && indent_of(line) == base && !comment) {
      cur_comment_only = false; /* the declaration the comment is about */
      declared_names(ctx, cur, line, eol);
    }
    line = eol < r->end ? eol + 1 : r->end;
    if (cur)
      cur->end = line;
  }
  r->nchunks = chunks.len;
  r->chunks = arena_alloc(ctx, sizeof(Chunk) * (size_t)(chunks.len + 1));
  for (int i = 0; i < chunks.len; i++)
    r->chunks[i] = *(Chunk *)chunks.items[i];
}

RuntimeRegions *rt_regions(Ctx *ctx) {
  RuntimeRegions *rr = arena_alloc(ctx, sizeof *rr);
  const char *instance_start = strstr(wb_runtime_js, "export function createInstanceRuntime");
  for (const char *p = wb_runtime_js; (p = strstr(p, "//#region ")) && rr->n < MAX_REGIONS;) {
    /* A marker starts its line (after indentation); mentions in comments do not count. */
    const char *bol = p;
    while (bol > wb_runtime_js && bol[-1] == ' ')
      bol--;
    if (bol > wb_runtime_js && bol[-1] != '\n') {
      p += 10;
      continue;
    }
    Region *r = &rr->regions[rr->n++];
    r->name = p + 10;
    const char *eol = strchr(p, '\n');
    r->name_len = (int)strcspn(r->name, " \n");
    const char *needs = strstr(r->name, " needs ");
    if (needs && needs < eol) {
      r->needs = needs + 7;
      r->needs_end = eol;
    }
    r->body = eol + 1;
    const char *end = strstr(r->body, "//#endregion");
    while (end > r->body && end[-1] != '\n')
      end--; /* back to the start of the marker's line */
    r->end = end;
    r->instance = instance_start && p > instance_start;
    cut_chunks(ctx, r);
    p = strchr(end, '\n');
    if (!p)
      break;
  }
  return rr;
}

void rt_want(RuntimeRegions *rr, const char *name) {
  size_t len = strlen(name);
  for (int i = 0; i < rr->n; i++) {
    Region *r = &rr->regions[i];
    if ((size_t)r->name_len != len || strncmp(r->name, name, len) != 0 || r->wanted)
      continue;
    r->wanted = true;
    for (const char *p = r->needs; p && p < r->needs_end;) {
      while (p < r->needs_end && *p == ' ')
        p++;
      size_t k = strcspn(p, " \n");
      if (k) {
        char need[32];
        if (k < sizeof need) {
          memcpy(need, p, k);
          need[k] = '\0';
          rt_want(rr, need);
        }
      }
      p += k;
    }
  }
}

/* Adds every identifier of [p, end) to the set; true when one was new. */
static bool note_identifiers(Ctx *ctx, Map *used, const char *p, const char *end) {
  bool added = false;
  while (p < end) {
    if (!is_ident_char(*p) || (*p >= '0' && *p <= '9')) {
      p++;
      continue;
    }
    const char *q = p;
    while (q < end && is_ident_char(*q))
      q++;
    if (!map_get(used, p, (int)(q - p))) {
      map_put(ctx, used, p, (int)(q - p), (void *)p);
      added = true;
    }
    p = q;
  }
  return added;
}

void rt_shake(Ctx *ctx, RuntimeRegions *rr, const char *code) {
  Map used = {0};
  note_identifiers(ctx, &used, code, code + strlen(code));
  for (bool changed = true; changed;) {
    changed = false;
    for (int i = 0; i < rr->n; i++) {
      Region *r = &rr->regions[i];
      for (int k = 0; r->wanted && k < r->nchunks; k++) {
        Chunk *c = &r->chunks[k];
        if (c->kept)
          continue;
        bool needed = c->nnames == 0;
        for (int j = 0; j < c->nnames && !needed; j++)
          needed = map_get(&used, c->names[j], (int)strlen(c->names[j])) != NULL;
        if (!needed)
          continue;
        c->kept = true;
        changed = true;
        note_identifiers(ctx, &used, c->start, c->end);
      }
    }
  }
}

/* The kept declarations, between marker lines (indented as the code they
 * bracket): the reference tests replace what they bracket with one line, so
 * that an edit of runtime.js does not rewrite every expected module. */
void rt_put(Buf *out, const RuntimeRegions *rr, bool instance) {
  const char *indent = instance ? "  " : "";
  buf_printf(out, "%s// wasmbind runtime: begin\n", indent);
  for (int i = 0; i < rr->n; i++) {
    const Region *r = &rr->regions[i];
    if (!r->wanted || r->instance != instance)
      continue;
    for (int k = 0; k < r->nchunks; k++)
      if (r->chunks[k].kept)
        buf_putn(out, r->chunks[k].start, (size_t)(r->chunks[k].end - r->chunks[k].start));
  }
  buf_printf(out, "%s// wasmbind runtime: end\n", indent);
}

void rt_declared_names(Ctx *ctx, const RuntimeRegions *rr, Map *out) {
  for (int i = 0; i < rr->n; i++)
    for (int k = 0; k < rr->regions[i].nchunks; k++) {
      const Chunk *c = &rr->regions[i].chunks[k];
      for (int j = 0; j < c->nnames; j++)
        map_put(ctx, out, c->names[j], (int)strlen(c->names[j]), (void *)c->names[j]);
    }
}
