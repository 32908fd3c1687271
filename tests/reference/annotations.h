/* annotations.h: include/wasmbind.h's annotations as the parser reads them
 * (IR "meta.annotations"). */
#ifndef ANNOTATIONS_H
#define ANNOTATIONS_H

#include <stddef.h>
#include "../../include/wasmbind.h"

typedef struct { double x, y; } ann_point;

WB_OWNED char *ann_describe(const ann_point *p);
int ann_parse(const char *text, WB_OUT ann_point *out);
void ann_stats(WB_LEN(n) const double *xs, size_t n, WB_OUT double *mean, WB_INOUT int *count);
WB_FREE(ann_release) ann_point *ann_make(WB_NULLABLE const char *name);
void ann_release(ann_point *p);
WB_OWNED WB_LEN(n) int *ann_range(int n);
int ann_plain(int x);

/* Implemented by JS: C passes an int and a string, JS returns a string C owns. */
WB_IMPORT WB_OWNED char *ann_host_name(int id, const char *prefix);

#endif
