/* rules `omit` on a result: JS gets nothing (a hook's previous user data,
 * which closures make meaningless); an error convention still reads it.
 * wasmbind-args: --rules tests/reference/features/rule_omit_result.rules */
typedef struct db db;
void *o_hook(db *d, int (*cb)(void *), void *ud);
int o_code(db *d);
