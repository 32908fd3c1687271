/* Must fail: `output P` needs the integer parameter C gets the capacity in,
 * a non-const buffer, and `length` an integer out parameter or `result`.
 * wasmbind-args: --rules tests/reference/features/fail_rule_output.rules */
/* wasmbind-exit: 1 */
void fo_a(char *buf, int n);
void fo_b(const char *buf, int n);
void fo_c(char *buf, int n, int *len);
