/* hosted.c: host_add is imported from JS (module "env"). */
#include "hosted.h"

__attribute__((import_module("env"), import_name("host_add"))) int host_add(int a, int b);

int hosted_twice(int x) { return host_add(x, x); }
