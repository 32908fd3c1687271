/* WB_OWNED on a result: the caller owns the memory, freed with free()
 * once converted. */
#include "wasmbind.h"
WB_OWNED char *ow_greeting(const char *name);
WB_OWNED const char *ow_const_greeting(void);
