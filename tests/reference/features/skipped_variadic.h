/* A variadic function is declared, not bound: a located warning; the rest
 * of the header is bound. */
#include <stdarg.h>
int sk_printf(const char *fmt, ...);
int sk_vprintf(const char *fmt, va_list ap);
int sk_puts(const char *s);
