/* rules: import, as WB_IMPORT: C calls it, JS implements it.
 * wasmbind-args: --rules tests/reference/features/rule_import.rules */
void ri_log(const char *message);
int ri_random(int below);
int ri_roll(int sides);
