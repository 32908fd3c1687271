/* 64-bit integers: bigint (a safe-integer number is accepted), bigint back;
 * also crossing as (low, high) halves in Emscripten builds without BigInt. */
#include <stdint.h>
int64_t i64_add(int64_t a, int64_t b);
uint64_t i64_mask(uint64_t x, unsigned long long bits);
