/* Must fail: buffer fields are pointers to numbers, bytes or characters,
 * with an integer length field of the same struct, one buffer per length;
 * `text` and `bytes` need a length and 1-byte characters; a rule on fields
 * selects only fields, of a struct the header defines.
 * wasmbind-args: --rules tests/reference/features/fail_rule_buffer_fields.rules */
/* wasmbind-exit: 1 */
#include <stdint.h>
struct opaque;
typedef struct {
  int count, count2, notptr;
  int *a, *b, *c, *e, *f;
  double d;
  int **pp;
  uint32_t *words;
  char *s;
} fbf;
int fbf_use(fbf *p);
