/* A declaration without a prototype, f(), is not bound: a warning that
 * suggests f(void). */
int np_old();
int np_new(void);
