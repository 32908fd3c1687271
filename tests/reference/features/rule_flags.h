/* rules: out, inout, owned, free F and nullable, as the annotations
 * WB_OUT, WB_INOUT, WB_OWNED, WB_FREE and WB_NULLABLE (see out.h...).
 * wasmbind-args: --rules tests/reference/features/rule_flags.rules --strict */
void rf_text_free(char *s);
char *rf_dup(const char *s);
char *rf_join(const char *a, const char *sep);
void rf_split(const char *s, int *head, int *tail);
void rf_twice(int *v);
