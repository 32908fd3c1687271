/* rules: userdata: a callback's user-data pointer; a JS closure needs
 * none, so the binding passes its own value (the callback still gets it:
 * rule_omit.h hides it).
 * wasmbind-args: --rules tests/reference/features/rule_userdata.rules */
int ud_each(int n, void (*visit)(void *ud, int i), void *ud);
int ud_fold(int (*step)(int acc, int x, void *ctx), void *ctx, int init);
