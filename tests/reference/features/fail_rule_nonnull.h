/* Must fail: `nonnull` applies to a pointer result or parameter.
 * wasmbind-args: --rules tests/reference/features/fail_rule_nonnull.rules */
/* wasmbind-exit: 1 */
int fn_count(int n);
