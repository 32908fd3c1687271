/* rules: errno with an error item: the error's code is errno (cleared
 * before the call), its message strerror's, since the header declares it.
 * wasmbind-args: --rules tests/reference/features/rule_errno.rules */
char *strerror(int errnum);
int er_open(const char *path, int flags);
void *er_map(int fd, unsigned long n);
