/* WB_LEN(n) on a pointer parameter: an array in, its length filled in. */
#include "wasmbind.h"
#include <stddef.h>
#include <stdint.h>
typedef struct { float x, y; } lp_pt;
double lp_mean(WB_LEN(n) const double *xs, size_t n);
uint32_t lp_crc(WB_LEN(len) const uint8_t *bytes, int len);
void lp_centroid(WB_LEN(count) const lp_pt *pts, int count, WB_OUT lp_pt *c);
