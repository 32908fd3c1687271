/* A function whose callback returns a struct passed as a single scalar (or
 * takes one...) is declared, not bound: a warning. */
typedef struct { int x; } sc_one;
void sc_each(sc_one (*one_of)(int index), int n);
int sc_count(void);
