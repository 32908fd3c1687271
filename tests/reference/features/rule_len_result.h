/* rules: len F on a result: F, called with the same arguments, gives
 * the length; text with NULs and blobs come back whole.
 * wasmbind-args: --rules tests/reference/features/rule_len_result.rules */
const char *lr_text(int column);
const void *lr_blob(int column);
int lr_bytes(int column);
