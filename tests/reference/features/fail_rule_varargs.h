/* Must fail: `varargs` applies to a variadic function.
 * wasmbind-args: --rules tests/reference/features/fail_rule_varargs.rules */
/* wasmbind-exit: 1 */
int frv_fixed(int n);
