/* A function that frees or keeps the struct it is given takes only a view
 * of memory the library gave out, never a plain object the binding would
 * copy to a temporary: said by rules `consumed`, or by its name (free,
 * destroy, dispose, release, delete; not through a const pointer).
 * wasmbind-args: --rules tests/reference/features/rule_consumed.rules */
typedef struct { int a; } rc_box;
rc_box *rc_box_new(void);
void rc_keep(rc_box *box);
void rc_free_content(int owner, rc_box *box);
int rc_release_count(const rc_box *box);
int rc_read(rc_box *box);
