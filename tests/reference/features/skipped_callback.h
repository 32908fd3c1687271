/* A function whose callback returns a struct (or takes a struct passed
 * as a scalar...) is declared, not bound: a warning. */
typedef struct { int x, y; } sc_point;
void sc_each(sc_point (*point_of)(int index), int n);
int sc_count(void);
