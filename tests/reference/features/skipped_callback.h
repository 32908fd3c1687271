/* A function whose callback returns a string (or takes a struct passed
 * as a scalar...) is declared, not bound: a warning. */
void sc_each(const char *(*name_of)(int index), int n);
int sc_count(void);
