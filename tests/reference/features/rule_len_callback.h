/* rules: len N on a callback's pointer parameter (N: the callback's
 * N-th parameter): the JS function gets an array, of strings for char **.
 * wasmbind-args: --rules tests/reference/features/rule_len_callback.rules */
typedef struct lc_row lc_row;
int lc_query(const char *sql, int (*row)(int n, char **values, char **names));
int lc_rows(void (*each)(int n, lc_row **rows));
/* lc_row_id gives lc_row its class: a handle type met only in a callback's
 * array gets none today (a defect, to fix) */
int lc_row_id(const lc_row *row);
