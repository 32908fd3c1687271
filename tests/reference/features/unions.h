/* Unions: by value, an object of all their members (writing one writes
 * only the members given); behind a pointer, a view of each member. */
#include <stdint.h>
typedef union { int32_t i; float f; uint8_t bytes[4]; } un_word;
typedef struct { int kind; un_word value; } un_tagged;
un_word un_flip(un_word w);
float un_as_float(const un_tagged *t);
