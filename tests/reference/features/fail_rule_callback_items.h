/* Must fail: on a callback's parameters, only `omit`, `userdata`, `len N`
 * (N the callback's integer parameter), `text`, `bytes` (1-byte characters
 * with a length) and `terminated` (a T ** without a length) apply; and
 * `terminated` is for callbacks' parameters only.
 * wasmbind-args: --rules tests/reference/features/fail_rule_callback_items.rules */
/* wasmbind-exit: 1 */
typedef void (*frci_cb)(void *ud, const char **names, const int *xs, int n, double d);
void frci_a(frci_cb cb, void *ud);
void frci_b(frci_cb cb, void *ud);
void frci_c(frci_cb cb, void *ud);
void frci_d(frci_cb cb, void *ud);
void frci_e(frci_cb cb, void *ud);
void frci_f(const char **names);
