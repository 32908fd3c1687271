/* map.c: the string-keyed hash map of the generator (open addressing, in the
 * run's arena): macros and files in the preprocessor, names and tags in the
 * parser, the library object's names in the bindings. */
#include "internal.h"
#include <string.h>

uint32_t map_hash(const char *key, int len) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (int i = 0; i < len; i++)
    h = (h ^ (unsigned char)key[i]) * 16777619u;
  return h;
}

void *map_get_hashed(const Map *m, const char *key, int len, uint32_t h) {
  if (!m->cap)
    return NULL;
  for (uint32_t i = h & (uint32_t)(m->cap - 1);; i = (i + 1) & (uint32_t)(m->cap - 1)) {
    const MapEntry *e = &m->slots[i];
    if (!e->key)
      return NULL;
    if (e->hash == h && e->len == len && memcmp(e->key, key, (size_t)len) == 0)
      return e->val;
  }
}

void *map_get(const Map *m, const char *key, int len) {
  return map_get_hashed(m, key, len, map_hash(key, len));
}

static void map_grow(Ctx *ctx, Map *m) {
  int cap = m->cap ? m->cap * 2 : 256;
  MapEntry *slots = arena_alloc(ctx, sizeof(MapEntry) * (size_t)cap);
  for (int i = 0; i < m->cap; i++) {
    MapEntry *e = &m->slots[i];
    if (!e->key)
      continue;
    uint32_t j = e->hash & (uint32_t)(cap - 1);
    while (slots[j].key)
      j = (j + 1) & (uint32_t)(cap - 1);
    slots[j] = *e;
  }
  m->slots = slots;
  m->cap = cap;
}

void map_put_hashed(Ctx *ctx, Map *m, const char *key, int len, uint32_t h, void *val) {
  if ((m->used + 1) * 2 > m->cap)
    map_grow(ctx, m);
  uint32_t j = h & (uint32_t)(m->cap - 1);
  for (; m->slots[j].key; j = (j + 1) & (uint32_t)(m->cap - 1)) {
    MapEntry *e = &m->slots[j];
    if (e->hash == h && e->len == len && memcmp(e->key, key, (size_t)len) == 0) {
      e->val = val;
      return;
    }
  }
  m->slots[j] = (MapEntry){key, len, h, val};
  m->used++;
}

void map_put(Ctx *ctx, Map *m, const char *key, int len, void *val) {
  map_put_hashed(ctx, m, key, len, map_hash(key, len), val);
}
