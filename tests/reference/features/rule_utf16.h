/* rules `utf16`: a `const void *` (or a pointer to a 16-bit integer) that
 * C reads or returns as UTF-16 is a JS string: NUL-terminated, or with its
 * length in bytes (`len`).
 * wasmbind-args: --rules tests/reference/features/rule_utf16.rules */
int u16_prepare(const void *sql, int nbytes);
int u16_open(const void *filename);
const void *u16_errmsg(void);
const void *u16_column(int i);
int u16_column_bytes(int i);
typedef unsigned short u16_char;
int u16_length(const u16_char *s);
const char *u16_code_name(int code);
int u16_run(int code);
