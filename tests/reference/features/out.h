/* WB_OUT: not passed from JS; its value after the call is returned,
 * alone when C returns void, else with the result as { return, name }. */
#include "wasmbind.h"
typedef struct { double lat, lon; } ou_point;
void ou_origin(WB_OUT ou_point *p);
int ou_parse(const char *text, WB_OUT ou_point *p);
void ou_minmax(const int *xs, int n, WB_OUT int *min, WB_OUT int *max);
