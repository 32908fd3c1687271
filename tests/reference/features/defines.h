/* #define constants: integer ones (expressions, casts, suffixes, earlier
 * macros) are library properties; floats, strings and function-like
 * macros are not bound. */
#define DF_VERSION 3
#define DF_MASK (0xff << 8)
#define DF_BIG 4294967296ULL
#define DF_NEG (-DF_VERSION)
#define DF_CHAR 'A'
#define DF_RATIO 0.5
#define DF_NAME "defines"
#define DF_MAX(a, b) ((a) > (b) ? (a) : (b))
int df_version(void);
