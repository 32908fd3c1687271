/* rules `code F`: the error's code is F(handle), not the result (expat's
 * XML_Parse returns XML_STATUS_ERROR; XML_GetErrorCode says why), and a
 * `message` function taking an integer gets that code.
 * wasmbind-args: --rules tests/reference/features/rule_error_code.rules */
typedef struct rec_parser rec_parser;
enum rec_status { REC_STATUS_ERROR = 0, REC_STATUS_OK = 1 };
int rec_parse(rec_parser *p, const char *text);
int rec_error_code(rec_parser *p);
const char *rec_error_string(int code);
