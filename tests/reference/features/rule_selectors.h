/* rules: selectors. '*' matches any run of characters, '!' leaves a
 * function out, f(p q) selects parameters by name or position; a later
 * rule adds to an earlier one; a selector that matches nothing warns.
 * wasmbind-args: --rules tests/reference/features/rule_selectors.rules */
int sel_get_a(void *scratch, int x);
int sel_get_b(void *scratch, int x);
int sel_get_internal(void *scratch, int x);
