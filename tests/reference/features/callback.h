/* A function pointer parameter: a JS function, valid for the call only;
 * its arguments and result are converted as a function's are. */
typedef int (*cb_compare)(const void *a, const void *b);
void cb_sort(void *base, int n, int size, cb_compare cmp);
double cb_integrate(double (*f)(double x), double a, double b, int steps);
void cb_each_name(void (*visit)(const char *name, int index));
