/* shelf.h: a library of objects that depend on each other, bound through
 * shelf.rules, for tests/rules/lifetimes.test.mjs: handles with two
 * destroying functions, children that keep their parent alive, handles a
 * parent lends, and structs that hold handles. Nothing is ever freed: a
 * destroyed object only loses its magic, so every use of a dead one is
 * counted (shelf_bad_uses) instead of corrupting memory. */
#ifndef SHELF_H
#define SHELF_H

#define SHELF_OK 0
#define SHELF_EBUSY (-1)

typedef struct Shelf Shelf;   /* owned: shelf_new */
typedef struct Book Book;     /* lent by its shelf: freed with it */
typedef struct Cursor Cursor; /* owned, reads its shelf */

Shelf *shelf_new(int id);
/* The destructor: always destroys. */
void shelf_free(Shelf *s);
/* Destroys s and returns SHELF_OK, unless a cursor is open on it: then
 * SHELF_EBUSY and s stays (rules `destroy shelf_close on success`). */
int shelf_close(Shelf *s);
/* Destroys s, or returns SHELF_EBUSY and destroys it all the same
 * (rules `destroy shelf_drop`: released whatever it returns). */
int shelf_drop(Shelf *s);
int shelf_id(const Shelf *s);
/* The library's own shelf: lent (not `owned`), never the caller's to destroy. */
Shelf *shelf_default(void);
/* Is the default shelf still alive? */
int shelf_default_alive(void);
const char *shelf_error(Shelf *s);

/* expat's style of error: shelf_put returns SHELF_STATUS_ERROR (0) or
 * SHELF_STATUS_OK; the reason is shelf_last_code(s), its text
 * shelf_code_text(code) (rules `code F`). */
#define SHELF_STATUS_ERROR 0
#define SHELF_STATUS_OK 1
#define SHELF_ENOSPACE 7
int shelf_put(Shelf *s, int n);
int shelf_last_code(Shelf *s);
const char *shelf_code_text(int code);

/* The book at index i (0..3), owned by the shelf. */
Book *shelf_book(Shelf *s, int i);
int book_shelf_id(Book *b);
Shelf *book_shelf(Book *b);

/* A cursor over s: its own object (destroyed by cursor_free), which reads s. */
Cursor *shelf_cursor(Shelf *s);
int cursor_shelf_id(Cursor *c);
void cursor_free(Cursor *c); /* NULL: nothing */

/* A struct value holding a handle. */
typedef struct {
  Shelf *shelf;
  int extra;
} ShelfRef;
ShelfRef shelf_ref(Shelf *s, int extra);
int shelf_ref_sum(ShelfRef r);
int shelf_ref_sum_at(const ShelfRef *r);

/* An event callback the shelf keeps until the next shelf_on_event replaces
 * it (NULL removes it) or the shelf is destroyed (rules `keep until
 * replaced`). shelf_fire calls it; shelf_fire_stale calls the last one ever
 * set, as a buggy C library keeping a stale pointer would. */
void shelf_on_event(Shelf *s, int (*cb)(void *ud, int ev), void *ud);
int shelf_fire(Shelf *s, int ev);
int shelf_fire_stale(int ev);

/* A complete struct the library allocates and frees: a handle by the rules
 * item `handle` (as XXH3_state_t), not a view. */
typedef struct ShelfStats {
  unsigned magic;
  int total;
} ShelfStats;
ShelfStats *stats_new(void);
int stats_add(ShelfStats *s, int n);
void stats_free(ShelfStats *s);

/* Shelves alive; uses of a destroyed shelf, book or cursor (stays 0). */
int shelf_live(void);
int shelf_bad_uses(void);
#endif
