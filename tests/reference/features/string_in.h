/* const char * parameters: a string, UTF-8 and NUL-terminated in temporary
 * memory freed after the call; null passes NULL. */
#include <stddef.h>
size_t si_length(const char *s);
int si_compare(const char *a, const char *b);
