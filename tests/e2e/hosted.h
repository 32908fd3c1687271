/* hosted.h: a library that calls functions its host (JS) provides, through
 * load()'s options.imports (hosted.test.mjs). */
#ifndef HOSTED_H
#define HOSTED_H

#include "wasmbind.h"

/* Doubles x with the host's env.host_add (a raw import, not declared here). */
int hosted_twice(int x);

/* Implemented in JS, marshalled: C passes a string, JS returns one. */
WB_IMPORT WB_OWNED char *host_greet(const char *name); /* C owns the result */
WB_IMPORT const char *host_label(int n);               /* lent until the next call */

/* host_greet(name) with "!" appended (the caller frees it). */
WB_OWNED char *hosted_greeting(const char *name);
/* The byte length of host_label(n), or -1 when it is NULL. */
int hosted_label_len(int n);

#endif
