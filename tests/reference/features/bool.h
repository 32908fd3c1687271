/* _Bool and stdbool's bool: a boolean, in and out. */
#include <stdbool.h>
bool bo_not(bool b);
_Bool bo_both(_Bool a, _Bool b);
