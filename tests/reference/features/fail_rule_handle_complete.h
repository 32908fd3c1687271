/* Must fail: a type rule on a complete struct needs `handle`.
 * wasmbind-args: --rules tests/reference/features/fail_rule_handle_complete.rules */
/* wasmbind-exit: 1 */
typedef struct fh_state { int acc; } fh_state;
fh_state *fh_create(void);
void fh_free(fh_state *s);
