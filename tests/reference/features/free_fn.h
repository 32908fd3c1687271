/* WB_FREE(fn) on a result: owned, released with fn instead of free(). */
#include "wasmbind.h"
typedef struct { int w, h; } ff_size;
void ff_text_free(char *s);
void ff_size_free(ff_size *s);
WB_FREE(ff_text_free) char *ff_text(int n);
WB_FREE(ff_size_free) ff_size *ff_measure(const char *text);
