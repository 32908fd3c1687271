/* Must fail: `text` and `bytes` apply to a pointer to char, signed char or
 * unsigned char.
 * wasmbind-args: --rules tests/reference/features/fail_rule_text.rules */
/* wasmbind-exit: 1 */
int ft_count(const int *xs);
