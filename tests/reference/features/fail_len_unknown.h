/* Must fail: WB_LEN naming no parameter of the function. */
/* wasmbind-exit: 1 */
#include "wasmbind.h"
double fl_sum(WB_LEN(count) const double *xs, int n);
