/* rules `varargs`: a variadic function without a format is bound with its
 * variadic arguments typed by the JS values (unchecked: C reads what it
 * expects), or by the rules' kinds (`varargs int double string`: counted
 * and checked).
 * wasmbind-args: --rules tests/reference/features/rule_varargs.rules */
typedef struct rv_db rv_db;
int rv_db_config(rv_db *db, int op, ...);
double rv_sum3(int unused, ...);
int rv_unbound(int n, ...);
