/* --strict: pointer parameters refuse null unless WB_NULLABLE. */
/* wasmbind-args: --strict */
#include "wasmbind.h"
typedef struct st_ctx st_ctx;
typedef struct { int r, g, b; } st_rgb;
int st_greet(WB_NULLABLE const char *name, const char *fallback);
void st_paint(st_ctx *ctx, WB_NULLABLE const st_rgb *color, const st_rgb *border);
void st_poke(int *p, WB_NULLABLE void *q);
