/* Must fail: `error if F` and `message F` (with a code) take one argument
 * of the function's result type.
 * wasmbind-args: --rules tests/reference/features/fail_rule_error_predicate.rules */
/* wasmbind-exit: 1 */
long long fp_run(void);
int fp_failed(int code, int flags);
const char *fp_message(double code);
