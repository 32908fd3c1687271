/* A pointer to a complete struct: a view of linear memory (the generated
 * class), or a plain object copied for the call; a result is a borrowed
 * view, or null. */
typedef struct { int id; double weight; } sp_item;
double sp_weight(const sp_item *item);
void sp_scale(sp_item *item, double by);
sp_item *sp_first(void);
