/* rules `nonnull`: a pointer result that is never NULL (NULL is an error,
 * as `error if null` says, and the .d.ts drops `| null`); a pointer
 * parameter that refuses null even without --strict.
 * wasmbind-args: --rules tests/reference/features/rule_nonnull.rules */
typedef struct nn_db nn_db;
nn_db *nn_open(const char *path);
const char *nn_name(nn_db *db);
int nn_exec(nn_db *db, const char *sql);
