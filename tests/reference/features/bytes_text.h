/* Only plain char is text: signed and unsigned char (int8_t, uint8_t)
 * arrays, fields and buffers are Int8Array / Uint8Array; a pointer to
 * them without a length is an address. Rules `text` and `bytes` retype a
 * pointer either way.
 * wasmbind-args: --rules tests/reference/features/bytes_text.rules */
#include <stddef.h>
#include <stdint.h>
typedef struct {
  unsigned char digest[16];
  int8_t delta[2];
  char name[8];
} bt_sum;
bt_sum bt_hash(const char *text);
size_t bt_count(const uint8_t *data, size_t n);
void bt_fill(uint8_t *out, size_t n);
const uint8_t *bt_raw(void);
const unsigned char *bt_label(void);
const char *bt_blob(void);
size_t bt_blob_len(void);
