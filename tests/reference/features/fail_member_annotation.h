/* Must fail: of the annotations, only WB_LEN(field) applies to a struct
 * member (a format attribute on a function pointer member is not ours).
 * wasmbind-args: -I include */
/* wasmbind-exit: 1 */
#include "wasmbind.h"
typedef struct {
  int n WB_OUT;
  WB_OWNED char *s;
  void (*log)(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
} fma;
int fma_use(fma *p);
