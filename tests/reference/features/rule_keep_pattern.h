/* A pattern's `keep until replaced` that selects, in some function, a
 * parameter that is no callback leaves that function out of the rule, with
 * one warning naming them (as an error item does); an exact name would be
 * an error.
 * wasmbind-args: --rules tests/reference/features/rule_keep_pattern.rules */
typedef struct rkp_parser rkp_parser;
typedef void (*rkp_handler)(void *ud, int x);
void rkp_set_a(rkp_parser *p, rkp_handler h, void *ud);
void rkp_set_b(rkp_parser *p, rkp_handler h, void *ud);
void rkp_set_data(rkp_parser *p, void *data, void *ud);
