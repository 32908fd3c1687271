/* A handle a function lends is tied to the first handle argument: it keeps
 * that handle from the collector and refuses use once it is destroyed.
 * An owned result keeps a handle argument of another type alive. The
 * type's `parent` function leads back to the parent: no tie.
 * wasmbind-args: --rules tests/reference/features/lent_handles.rules */
typedef struct lh_doc lh_doc;
typedef struct lh_node lh_node;
typedef struct lh_iter lh_iter;
lh_doc *lh_parse(const char *text);
void lh_doc_free(lh_doc *d);
lh_node *lh_root(lh_doc *d);
lh_node *lh_next(lh_node *n);
lh_doc *lh_node_doc(lh_node *n);
lh_iter *lh_iterate(lh_doc *d);
void lh_iter_free(lh_iter *it);
lh_doc *lh_doc_copy(lh_doc *d);
typedef struct { lh_node *node; int depth; } lh_pos;
int lh_depth(lh_pos pos);
