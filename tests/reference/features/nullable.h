/* WB_NULLABLE: null allowed. Without --strict every pointer already takes
 * null: the annotation documents intent (see strict.h). */
#include "wasmbind.h"
typedef struct nu_ctx nu_ctx;
typedef struct { int r, g, b; } nu_rgb;
int nu_greet(WB_NULLABLE const char *name, const char *fallback);
void nu_paint(nu_ctx *ctx, WB_NULLABLE const nu_rgb *color);
WB_NULLABLE nu_ctx *nu_current(void);
