/* rules: view on a result with a length: a typed array over linear
 * memory, not a copy; valid until C reuses the memory or it grows.
 * wasmbind-args: --rules tests/reference/features/rule_view.rules */
const void *vw_frame(int index);
int vw_frame_size(int index);
const float *vw_samples(int *count);
