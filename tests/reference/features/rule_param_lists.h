/* rules: a parameter list written against a name (`f(x)`) is that
 * function's; after a space (`f g (x)`), it is every name's since the
 * last list. Here the three openers' `out` parameter is an out-value.
 * wasmbind-args: --rules tests/reference/features/rule_param_lists.rules */
typedef struct pl_db pl_db;
int pl_open(const char *path, pl_db **out);
int pl_open_ro(const char *path, pl_db **out);
int pl_open_mem(pl_db **out);
int pl_count(pl_db *db, int *total);
