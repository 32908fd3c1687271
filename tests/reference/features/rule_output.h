/* rules `output P, length L`: a buffer the binding allocates with the
 * capacity C gets in parameter P, zeroed; the call returns a copy of what C
 * produced: L is `result`, an integer out parameter, or (left out) the
 * capacity; chars are text, up to a NUL. `output F(P), into Q`: a size
 * function gives the capacity, which C gets in Q; its arguments are
 * parameters or constants of the header (RO_LONG).
 * wasmbind-args: --rules tests/reference/features/rule_output.rules */
#include <stddef.h>
int ro_bound(int n);
int ro_compress(const void *src, int srcSize, void *dst, int dstCapacity);
int ro_hash(const void *pwd, size_t pwdlen, unsigned char *hash, size_t hashlen);
int ro_format(char *buf, size_t size, int value);
int ro_samples(float *out, int cap, int *count);
typedef enum { RO_SHORT = 1, RO_LONG = 2 } ro_kind;
int ro_encodedlen(ro_kind kind, size_t n);
int ro_encode(const void *src, size_t n, char *out, size_t outlen);
