/* rules: error if null: a NULL result throws the library's error class.
 * wasmbind-args: --rules tests/reference/features/rule_error_null.rules */
typedef struct el_doc el_doc;
el_doc *el_parse(const char *text);
const char *el_title(el_doc *d);
