/* rules: error if nonzero: any result but 0 throws (no message function:
 * the message names the function and the code).
 * wasmbind-args: --rules tests/reference/features/rule_error_nonzero.rules */
int en_mkdir(const char *path, int mode);
void en_never(void);
