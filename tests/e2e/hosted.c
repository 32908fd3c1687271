/* hosted.c: host_add is imported from JS (module "env") as it is; host_greet
 * and host_label are imports too, marshalled by the bindings (hosted.h). */
#include "hosted.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((import_module("env"), import_name("host_add"))) int host_add(int a, int b);

int hosted_twice(int x) {
#ifdef HOSTED_PRINTF /* a later build that prints: it imports WASI's fd_write */
  printf("twice %d\n", x);
#endif
  return host_add(x, x);
}

char *hosted_greeting(const char *name) {
  char *answer = host_greet(name);
  if (!answer)
    return NULL;
  size_t n = strlen(answer);
  char *out = malloc(n + 2);
  if (out) {
    memcpy(out, answer, n);
    out[n] = '!';
    out[n + 1] = '\0';
  }
  free(answer);
  return out;
}

int hosted_label_len(int n) {
  const char *label = host_label(n);
  return label ? (int)strlen(label) : -1;
}
