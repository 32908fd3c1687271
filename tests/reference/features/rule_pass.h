/* rules: pass N: not passed from JS; C always gets the integer N (a
 * destructor constant such as SQLITE_TRANSIENT, -1).
 * wasmbind-args: --rules tests/reference/features/rule_pass.rules */
typedef void (*ps_destructor)(void *);
int ps_bind_text(int index, const char *text, int n, ps_destructor destroy);
int ps_limit(int which, int value);
