/* rules: omit: not passed from JS, C gets 0 (NULL); on a callback's
 * parameter, not given to the JS function.
 * wasmbind-args: --rules tests/reference/features/rule_omit.rules */
int om_exec(const char *sql, int (*row)(void *ud, int ncols), void *ud, char **errmsg);
int om_flags(int value, int reserved);
