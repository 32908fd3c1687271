/* arena.c: the run's memory. Everything the generator builds (tokens, types,
 * declarations) is allocated here and released at once at the end of the run,
 * errors included. */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ArenaBlock {
  ArenaBlock *next;
  size_t used, cap;
  max_align_t data[]; /* aligned for anything */
};

enum { BLOCK_SIZE = 1 << 20 };

void *arena_alloc(Ctx *ctx, size_t size) {
  Arena *a = &ctx->arena;
  size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
  ArenaBlock *b = a->head;
  if (!b || b->cap - b->used < size) {
    size_t cap = size > BLOCK_SIZE / 2 ? size : BLOCK_SIZE;
    if (ctx->arena_limit && a->total + cap > ctx->arena_limit)
      diag_fatal(ctx, NULL, "out of memory: the run needs more than %zu MiB",
                 ctx->arena_limit >> 20);
    b = malloc(sizeof(ArenaBlock) + cap);
    if (!b)
      diag_fatal(ctx, NULL, "out of memory");
    /* Zeroed once per block rather than per allocation, and here rather than
     * by calloc: built with bulk memory, this memset is one memory.fill
     * instruction (libc's, a loop, cost the wasm build a tenth of its time). */
    memset(b->data, 0, cap);
    b->used = 0;
    b->cap = cap;
    a->total += cap;
    if (a->head && size > BLOCK_SIZE / 2) {
      /* A large one-off block goes behind the current one, which stays in use. */
      b->next = a->head->next;
      a->head->next = b;
    } else {
      b->next = a->head;
      a->head = b;
    }
  }
  void *p = (char *)b->data + b->used;
  b->used += size;
  return p;
}

char *arena_strndup(Ctx *ctx, const char *s, size_t len) {
  char *p = arena_alloc(ctx, len + 1);
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *arena_strdup(Ctx *ctx, const char *s) {
  return arena_strndup(ctx, s, strlen(s));
}

char *arena_printf(Ctx *ctx, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *p = arena_alloc(ctx, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

void arena_free(Arena *arena) {
  ArenaBlock *b = arena->head;
  while (b) {
    ArenaBlock *next = b->next;
    free(b);
    b = next;
  }
  arena->head = NULL;
  arena->total = 0;
}

void vec_push(Ctx *ctx, Vec *v, void *item) {
  if (v->len == v->cap) {
    int cap = v->cap ? v->cap * 2 : 16;
    void **items = arena_alloc(ctx, sizeof(void *) * (size_t)cap);
    if (v->len)
      memcpy(items, v->items, sizeof(void *) * (size_t)v->len);
    v->items = items;
    v->cap = cap;
  }
  v->items[v->len++] = item;
}
