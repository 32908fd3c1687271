/* Must fail: an unknown item, and an error item that does not fit the
 * exact function it names, both reported.
 * wasmbind-args: --rules tests/reference/features/fail_rule_unknown_item.rules */
/* wasmbind-exit: 1 */
const char *fu_name(int id);
int fu_count(void);
