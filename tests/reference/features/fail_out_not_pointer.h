/* Must fail: WB_OUT on a parameter that is not a pointer. */
/* wasmbind-exit: 1 */
#include "wasmbind.h"
int fo_get(WB_OUT int value);
