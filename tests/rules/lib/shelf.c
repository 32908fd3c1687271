#include "shelf.h"
#include <stdlib.h>

#define LIVE 0x5E1F0001u

struct Book {
  Shelf *shelf;
};

struct Shelf {
  unsigned magic;
  int id, cursors;
  const char *error;
  int last_code;
  Book books[4];
  int (*on_event)(void *, int);
  void *ud;
};

struct Cursor {
  unsigned magic;
  Shelf *shelf;
};

static int live, bad_uses;

/* Is s alive? Counts a use of a dead one. */
static int alive(const Shelf *s) {
  if (s && s->magic == LIVE)
    return 1;
  bad_uses++;
  return 0;
}

Shelf *shelf_new(int id) {
  Shelf *s = calloc(1, sizeof *s);
  s->magic = LIVE;
  s->id = id;
  s->error = "no error";
  for (int i = 0; i < 4; i++)
    s->books[i].shelf = s;
  live++;
  return s;
}

static Shelf *the_default;

Shelf *shelf_default(void) {
  if (!the_default)
    the_default = shelf_new(100);
  return the_default;
}

int shelf_default_alive(void) {
  return the_default && alive(the_default);
}

void shelf_free(Shelf *s) {
  if (!alive(s))
    return;
  s->magic = 0; /* never freed: a later use is counted, not a crash */
  live--;
}

int shelf_close(Shelf *s) {
  if (!alive(s))
    return SHELF_OK;
  if (s->cursors) {
    s->error = "a cursor is open";
    return SHELF_EBUSY;
  }
  shelf_free(s);
  return SHELF_OK;
}

int shelf_drop(Shelf *s) {
  int busy = alive(s) && s->cursors;
  if (busy)
    s->error = "dropped with a cursor open";
  shelf_free(s);
  return busy ? SHELF_EBUSY : SHELF_OK;
}

int shelf_id(const Shelf *s) {
  return alive(s) ? s->id : -1;
}
const char *shelf_error(Shelf *s) {
  return s->error;
}

int shelf_put(Shelf *s, int n) {
  s->last_code = n > 4 ? SHELF_ENOSPACE : 0;
  return s->last_code ? SHELF_STATUS_ERROR : SHELF_STATUS_OK;
}

int shelf_last_code(Shelf *s) {
  return s->last_code;
}

const char *shelf_code_text(int code) {
  return code == SHELF_ENOSPACE ? "no space left on the shelf" : "no error";
}

Book *shelf_book(Shelf *s, int i) {
  return alive(s) && i >= 0 && i < 4 ? &s->books[i] : NULL;
}
int book_shelf_id(Book *b) {
  return alive(b->shelf) ? b->shelf->id : -1;
}
Shelf *book_shelf(Book *b) {
  return b->shelf;
}

Cursor *shelf_cursor(Shelf *s) {
  if (!alive(s))
    return NULL;
  Cursor *c = calloc(1, sizeof *c);
  c->magic = LIVE;
  c->shelf = s;
  s->cursors++;
  return c;
}

int cursor_shelf_id(Cursor *c) {
  if (!c || c->magic != LIVE) {
    bad_uses++;
    return -1;
  }
  return alive(c->shelf) ? c->shelf->id : -1;
}

void cursor_free(Cursor *c) {
  if (!c)
    return; /* like free(NULL) */
  if (!c || c->magic != LIVE) {
    bad_uses++;
    return;
  }
  c->magic = 0;
  /* a cursor may outlive its shelf (like a statement its closed connection) */
  if (c->shelf->magic == LIVE)
    c->shelf->cursors--;
}

ShelfRef shelf_ref(Shelf *s, int extra) {
  return (ShelfRef){s, extra};
}
int shelf_ref_sum(ShelfRef r) {
  return alive(r.shelf) ? r.shelf->id + r.extra : -1;
}
int shelf_ref_sum_at(const ShelfRef *r) {
  return shelf_ref_sum(*r);
}

int shelf_live(void) {
  return live;
}
int shelf_bad_uses(void) {
  return bad_uses;
}

ShelfStats *stats_new(void) {
  ShelfStats *s = calloc(1, sizeof *s);
  s->magic = LIVE;
  return s;
}

int stats_add(ShelfStats *s, int n) {
  if (s->magic != LIVE) {
    bad_uses++;
    return -1;
  }
  return s->total += n;
}

void stats_free(ShelfStats *s) {
  if (s->magic != LIVE)
    bad_uses++;
  s->magic = 0; /* never freed: a later use is counted */
}

static int (*stale_cb)(void *, int);
static void *stale_ud;

void shelf_on_event(Shelf *s, int (*cb)(void *ud, int ev), void *ud) {
  if (!alive(s))
    return;
  if (s->on_event) { /* the one replaced stays reachable here, as a stale pointer */
    stale_cb = s->on_event;
    stale_ud = s->ud;
  }
  s->on_event = cb;
  s->ud = ud;
}

int shelf_fire(Shelf *s, int ev) {
  if (!alive(s) || !s->on_event)
    return -1;
  stale_cb = s->on_event;
  stale_ud = s->ud;
  return s->on_event(s->ud, ev);
}

int shelf_fire_stale(int ev) { return stale_cb ? stale_cb(stale_ud, ev) : -1; }
