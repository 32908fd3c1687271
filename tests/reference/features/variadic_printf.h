/* A printf-like variadic function (a format attribute, or a rules item
 * `format P`) is bound: JS passes the variadic arguments after the others,
 * each checked against its conversion and written where va_arg reads it.
 * wasmbind-args: --rules tests/reference/features/variadic_printf.rules */
#include <stddef.h>
int vp_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *vp_mprintf(const char *fmt, ...);
int vp_sum(int n, ...);
