/* `_Complex` types are parsed and laid out as clang does (two of the
 * element type), and the functions that use one are skipped, with a
 * warning each: the rest of the header is bound. */
_Complex double cx_mul(_Complex double a, _Complex double b);
float _Complex cx_conj(float _Complex z);
struct cx_pair {
  _Complex float z;
  int k;
};
int cx_k(const struct cx_pair *p);
int cx_plain(int x);
