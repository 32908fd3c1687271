/* long double (and __int128) parameters and results, and structs of them
 * by value, are not bound: a warning each. */
typedef struct { long double v; } ld_box;
long double ld_half(double x);
double ld_round(long double x);
double ld_unbox(ld_box b);
__int128 ld_wide(int x);
double ld_plain(double x);
