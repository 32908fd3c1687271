/* rules: len N on a const void * parameter (bytes: any buffer or view)
 * and on a const char * (a string whose UTF-8 byte length C gets in N).
 * wasmbind-args: --rules tests/reference/features/rule_len.rules */
#include <stddef.h>
unsigned rl_checksum(const void *data, size_t n);
int rl_set_name(const char *name, int len);
int rl_read(void *into, int cap);
