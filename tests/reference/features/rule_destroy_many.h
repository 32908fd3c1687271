/* rules: several `destroy` items on one type. The first is the destructor
 * ([Symbol.dispose], the collector); each invalidates the handle after the
 * call, and one `on success` only when its error convention says success.
 * A destroyer's handle is never null.
 * wasmbind-args: --rules tests/reference/features/rule_destroy_many.rules */
typedef struct dm_conn dm_conn;
dm_conn *dm_open(void);
void dm_free(dm_conn *c);
int dm_close(dm_conn *c);
int dm_shutdown(dm_conn *c);
const char *dm_error(dm_conn *c);
