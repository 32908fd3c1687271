/* Anonymous struct and union members: their fields belong to the
 * enclosing struct, as in C (r.x, r.as_int). */
typedef struct {
  int kind;
  union {
    int as_int;
    double as_double;
  };
  struct {
    short x, y;
  };
} am_cell;
double am_value(am_cell c);
void am_move(am_cell *c, short dx);
