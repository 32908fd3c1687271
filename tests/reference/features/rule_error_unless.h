/* rules: error unless V... (constants or numbers): another result
 * throws the library's error class, with message F's text.
 * wasmbind-args: --rules tests/reference/features/rule_error_unless.rules */
#define EU_OK 0
#define EU_ROW 100
#define EU_DONE 101
typedef struct eu_stmt eu_stmt;
int eu_step(eu_stmt *s);
int eu_reset(eu_stmt *s);
const char *eu_errmsg(eu_stmt *s);
