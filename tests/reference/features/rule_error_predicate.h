/* rules `error if F`: F says whether a result is an error (LZ4F_isError);
 * `message F` with F taking the result code gives its message
 * (argon2_error_message, LZ4F_getErrorName).
 * wasmbind-args: --rules tests/reference/features/rule_error_predicate.rules */
#include <stddef.h>
size_t ep_compress(const char *src, char *dst);
unsigned ep_is_error(size_t code);
const char *ep_error_name(size_t code);
int ep_hash(const char *pwd);
const char *ep_error_message(int error_code);
