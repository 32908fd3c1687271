/* rules: len N on a callback's pointer parameter (N: the callback's
 * N-th parameter): the JS function gets an array, of strings for char **.
 * wasmbind-args: --rules tests/reference/features/rule_len_callback.rules */
typedef struct lc_row lc_row;
int lc_query(const char *sql, int (*row)(int n, char **values, char **names));
/* a handle type met only in a callback's array still gets its class */
int lc_rows(void (*each)(int n, lc_row **rows));
