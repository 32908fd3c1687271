/* Must fail: `destroy F on success` needs an error convention for F, the
 * first `destroy` (the destructor) cannot be `on success`, and `on` is
 * followed by `success`.
 * wasmbind-args: --rules tests/reference/features/fail_rule_destroy.rules */
/* wasmbind-exit: 1 */
typedef struct db_a db_a;
typedef struct db_b db_b;
db_a *db_a_open(void);
int db_a_close(db_a *a);
void db_a_free(db_a *a);
db_b *db_b_open(void);
int db_b_close(db_b *b);
