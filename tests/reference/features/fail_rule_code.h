/* Must fail: `code F` takes a handle of one of the function's parameters
 * and returns an integer, and cannot read a handle the function destroys;
 * `message F` returns a string.
 * wasmbind-args: --rules tests/reference/features/fail_rule_code.rules */
/* wasmbind-exit: 1 */
typedef struct frc_db frc_db;
typedef struct frc_other frc_other;
int frc_run(frc_db *db);
int frc_run2(frc_db *db);
int frc_close(frc_db *db);
int frc_other_code(frc_other *o);
int frc_code_of(int x);
int frc_db_code(frc_db *db);
int frc_db_text(frc_db *db);
