/* WB_LEN on an out parameter: the array C hands out through T **, its
 * count through another out parameter. */
#include "wasmbind.h"
#include <stddef.h>
typedef struct { double lat, lon; } lo_point;
void lo_points_free(lo_point *pts);
int lo_decode(const char *text,
              WB_OUT WB_FREE(lo_points_free) WB_LEN(count) lo_point **pts,
              WB_OUT size_t *count);
void lo_primes(int below, WB_OUT WB_OWNED WB_LEN(n) int **primes, WB_OUT int *n);
