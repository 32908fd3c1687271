/* rules: keep until X on a callback parameter: C keeps the function
 * after the call, until it calls X with the function's userdata.
 * wasmbind-args: --rules tests/reference/features/rule_keep_until.rules */
typedef struct ku_timer ku_timer;
int ku_on_tick(ku_timer *t, void (*tick)(void *ud, int n), void *ud,
               void (*release)(void *ud));
