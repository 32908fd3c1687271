/* Integers up to 32 bits: a number, checked to be an integer in the C
 * type's range (TypeError, RangeError), plain char signed on wasm32. */
#include <stdint.h>
int8_t iw_i8(int8_t x);
uint8_t iw_u8(uint8_t x);
int16_t iw_i16(int16_t x);
uint16_t iw_u16(uint16_t x);
int32_t iw_i32(int32_t x);
uint32_t iw_u32(uint32_t x);
char iw_char(char c);
unsigned long iw_ulong(long x);
