/* Parameters named as the generated code's own locals and the runtime's
 * names: each must still reach C (no shadowing, no temporal dead zone). */
#include "wasmbind.h"
typedef struct { int v; } pn_cell;
int pn_plain(int r, int q, int x, int p, int m);
int pn_temps(const char *t0, const char *h0, const pn_cell *r, int value);
int pn_runtime(const char *memory, const char *exports, const char *host, int u8);
int pn_out(const char *e0, WB_OUT int *rp, WB_OUT int *key);
double pn_by_value(pn_cell fixedScratch, pn_cell s_a);
