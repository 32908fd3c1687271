/* rules: error if negative: a result below 0 throws; others are
 * returned, and a function with out parameters returns only those.
 * wasmbind-args: --rules tests/reference/features/rule_error_negative.rules */
long eg_read(int fd, void *buf, unsigned long n);
int eg_stat(const char *path, int *size);
