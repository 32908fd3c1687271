/* Unit tests of the run's basic services: arena, Buf, diagnostics. */
#include "../../src/internal.h"
#include "unit.h"
#include <stdlib.h>

static void test_buf(void) {
  Buf b = {0};
  for (int i = 0; i < 1000; i++)
    buf_printf(&b, "%d,", i);
  CHECK(b.len == 3890);
  CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
  char *s = buf_take(&b);
  CHECK(b.data == NULL && b.len == 0);
  free(s);
  buf_put_json_string(&b, "a\"b\\c\n\x01");
  CHECK_STR(b.data, "\"a\\\"b\\\\c\\n\\u0001\"");
  buf_release(&b);
  char *empty = buf_take(&b);
  CHECK_STR(empty, "");
  free(empty);
}

static void test_arena(void) {
  Ctx ctx = {0};
  jmp_buf bail;
  ctx.bail = &bail;
  ctx.arena_limit = (size_t)8 << 20;
  if (setjmp(bail) == 0) {
    char *big = arena_alloc(&ctx, (size_t)3 << 20); /* larger than a block */
    CHECK(big != NULL && big[0] == 0 && big[(3 << 20) - 1] == 0);
    int *small = arena_alloc(&ctx, sizeof(int) * 4);
    CHECK(((uintptr_t)small % sizeof(max_align_t)) == 0);
    CHECK_STR(arena_printf(&ctx, "%s-%d", "x", 42), "x-42");
    Vec v = {0};
    for (intptr_t i = 0; i < 100; i++)
      vec_push(&ctx, &v, (void *)i);
    CHECK(v.len == 100 && (intptr_t)v.items[99] == 99);
    arena_alloc(&ctx, (size_t)16 << 20); /* over the limit: unwinds */
    CHECK(!"arena limit did not unwind");
  } else {
    CHECK(ctx.nerrors == 1);
    CHECK(strstr(ctx.diag.data, "out of memory") != NULL);
  }
  arena_free(&ctx.arena);
  buf_release(&ctx.diag);
}

/* A located error: the use site, its source line, a caret, and at most six
 * expansion notes (the first and last levels). */
static void test_diag_expansion_notes(void) {
  Ctx ctx = {0};
  SourceFile f = {.name = "m.h", .contents = "#define A x\nA B\n", .len = 16};
  Token site = {
      .kind = TK_IDENT, .loc = f.contents + 12, .len = 1, .file = &f, .line = 2, .col = 1};
  Token levels[10];
  const Token *origin = &site;
  for (int i = 9; i >= 0; i--) {
    levels[i] = (Token){.kind = TK_IDENT,
                        .loc = f.contents + 10,
                        .len = 1,
                        .file = &f,
                        .line = 1,
                        .col = 11,
                        .origin = (Token *)origin,
                        .macro_name = "A"};
    origin = &levels[i];
  }
  diag_error(&ctx, &levels[0], "bad %s", "thing");
  CHECK(ctx.nerrors == 1);
  CHECK(strncmp(ctx.diag.data, "m.h:2:1: error: bad thing\nA B\n^\n", 32) == 0);
  int notes = 0;
  for (const char *p = ctx.diag.data; (p = strstr(p, "note: expanded from macro 'A'")); p++)
    notes++;
  CHECK(notes == 6);
  CHECK(strstr(ctx.diag.data, "note: (skipping 4 expansions)") != NULL);
  size_t len = ctx.diag.len;
  diag_error(&ctx, &levels[0], "bad %s", "thing"); /* the same again: said once */
  CHECK(ctx.nerrors == 1 && ctx.diag.len == len);
  diag_error(&ctx, &levels[0], "bad %s", "other");
  CHECK(ctx.nerrors == 2 && ctx.diag.len > len);
  arena_free(&ctx.arena);
  buf_release(&ctx.diag);
}

void unit_core(void) {
  test_buf();
  test_arena();
  test_diag_expansion_notes();
}
