/* WB_INOUT: passed in, and its value after the call is returned. */
#include "wasmbind.h"
#include <stdint.h>
typedef struct { int x, y; } io_pos;
void io_bump(WB_INOUT int *counter);
int io_step(WB_INOUT io_pos *pos, int dx);
void io_seed(WB_INOUT uint64_t *state);
