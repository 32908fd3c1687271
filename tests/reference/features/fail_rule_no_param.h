/* Must fail: a rule naming a parameter the (exact) function does not have.
 * wasmbind-args: --rules tests/reference/features/fail_rule_no_param.rules */
/* wasmbind-exit: 1 */
int fp_open(const char *path, int flags);
