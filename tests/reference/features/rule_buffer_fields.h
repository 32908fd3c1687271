/* Buffers in struct fields: rules `type T(f): len L` (and WB_LEN(L) on a
 * member) make the pointer f one JS value of L elements, a typed array, a
 * string or bytes; L is filled in by the binding and left out of the plain
 * object, read-only in the view. `text` and `bytes` choose for characters.
 * wasmbind-args: --rules tests/reference/features/rule_buffer_fields.rules -I include */
#include <stddef.h>
#include <stdint.h>
#include "wasmbind.h"
typedef struct {
  uint8_t *out;
  uint32_t outlen;
  const char *name; /* text */
  size_t namelen;
  const char *raw; /* `bytes` */
  int rawlen;
  unsigned char *label; /* `text` */
  uint8_t labellen;
  const void *data;
  uint64_t datalen;
  double *xs WB_LEN(nxs); /* an annotation */
  uint16_t nxs;
  int flags;
} rbf_params;
int rbf_run(rbf_params *p);
int rbf_check(const rbf_params *p);
rbf_params rbf_defaults(void);
