/* rules: type T: parent F. F leads from a T to the handle whose
 * 'message' function describes T's errors.
 * wasmbind-args: --rules tests/reference/features/rule_parent.rules */
typedef struct rp_conn rp_conn;
typedef struct rp_query rp_query;
const char *rp_errmsg(rp_conn *c);
rp_conn *rp_query_conn(rp_query *q);
int rp_query_run(rp_query *q, int limit);
