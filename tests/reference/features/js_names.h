/* C names that are JS keywords, globals the glue uses, runtime names, or
 * members of the generated classes: renamed consistently in the JS and the
 * .d.ts, one warning each where the library object's property changes. */
#include <stdint.h>
typedef struct { int32_t ptr; int32_t toObject; double x; } jn_point; /* view members */
typedef struct jn_undefined jn_undefined;
int delete(int new);        /* keywords as function and parameter names */
int then(int x);            /* a library object with `then` would be a thenable */
int refresh(void);          /* ncurses: the runtime's own refresh() */
int malloc_count(void);
double undefined(double x); /* shadows the `undefined` the glue compares with */
int Object(int x);          /* a global the glue uses */
double jn_len(jn_point *p);
enum { then_value = 1 };
#define constructor 7
