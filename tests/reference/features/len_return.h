/* WB_LEN(n) on a result: an array of n elements copied out (a typed array
 * for numbers, objects for structs); WB_OWNED frees it. */
#include "wasmbind.h"
typedef struct { int a, b; } lr_pair;
WB_OWNED WB_LEN(n) int *lr_range(int n);
WB_LEN(n) const lr_pair *lr_table(int n);
