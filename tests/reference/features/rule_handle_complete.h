/* rules `type T: handle`: a complete struct that the library allocates and
 * frees (XXH3_state_t with XXH3_createState and XXH3_freeState) is a
 * handle, not a view: its fields are the library's business.
 * wasmbind-args: --rules tests/reference/features/rule_handle_complete.rules */
typedef struct hc_state {
  unsigned long long acc[8];
  int seed;
} hc_state;
hc_state *hc_create(void);
void hc_free(hc_state *s);
int hc_update(hc_state *s, const void *data, int len);
typedef struct { int x, y; } hc_point;
int hc_norm(const hc_point *p);
