/* hosted.h: a library that calls functions its host (JS) provides, through
 * load()'s options.imports (hosted.test.mjs). */
#ifndef HOSTED_H
#define HOSTED_H

/* Doubles x with the host's env.host_add. */
int hosted_twice(int x);

#endif
