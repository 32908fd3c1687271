/* Must fail: `consumed` (C frees or keeps what the parameter points to, so
 * only memory the library gave out will do) applies to a struct pointer.
 * wasmbind-args: --rules tests/reference/features/fail_rule_consumed.rules */
/* wasmbind-exit: 1 */
typedef struct { int a; } frc_box;
void frc_take(frc_box *box, char *name, int n);
