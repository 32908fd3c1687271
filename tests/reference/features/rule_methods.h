/* rules: type T: methods PREFIX. Functions named PREFIX... taking the
 * handle first are also its methods, named without the prefix.
 * wasmbind-args: --rules tests/reference/features/rule_methods.rules */
typedef struct rm_list rm_list;
rm_list *rm_new(void);
void rm_free(rm_list *l);
int rm_push(rm_list *l, int v);
int rm_length(const rm_list *l);
int rm_sum_of(int a, rm_list *l);
