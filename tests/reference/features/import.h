/* WB_IMPORT: C calls it, JS implements it (load()'s options.imports.env);
 * C's arguments arrive as JS values, the JS result goes back to C. */
#include "wasmbind.h"
#include <stdint.h>
typedef struct { double x, y; } im_point;
WB_IMPORT void im_log(const char *message, int level);
WB_IMPORT double im_now(void);
WB_IMPORT WB_OWNED char *im_lookup(const char *key, int64_t id);
WB_IMPORT int im_plot(im_point p, const im_point *q);
int im_run(int steps);
