/* void * and other pointers (to numbers, to pointers): a number, the
 * address, in and out. */
#include <stddef.h>
void *rp_alloc(size_t n);
void rp_release(void *p);
int rp_sum(const int *xs, int n);
char **rp_names(void);
