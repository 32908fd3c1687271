/* rules: out owned on a T ** parameter: the handle C hands out is the
 * result, the caller's, destroyed by its destructor (or dropped when the
 * call fails).
 * wasmbind-args: --rules tests/reference/features/rule_out_owned.rules */
typedef struct oo_db oo_db;
int oo_open(const char *name, oo_db **db);
int oo_close(oo_db *db);
