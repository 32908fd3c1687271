/* Must fail: `format P` names a `const char *` parameter.
 * wasmbind-args: --rules tests/reference/features/fail_variadic_format.rules */
/* wasmbind-exit: 1 */
int fv_sum(int n, ...);
