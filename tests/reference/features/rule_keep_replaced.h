/* rules `keep until replaced`: C keeps the callback until the same
 * function replaces it for the same handle (or null removes it), or the
 * handle is destroyed; the user data is the binding's own (0).
 * wasmbind-args: --rules tests/reference/features/rule_keep_replaced.rules */
typedef struct kr_db kr_db;
kr_db *kr_open(void);
void kr_close(kr_db *db);
void *kr_update_hook(kr_db *db, void (*cb)(void *ud, int op, const char *table), void *ud);
void kr_log_hook(void (*cb)(const char *msg));
