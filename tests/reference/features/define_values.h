/* String and floating #defines are properties of the library object, as
 * integer ones are; a string JS cannot hold as it is gets a warning. The
 * IR keeps listing only integer constants. */
#define DV_VERSION "3.45.0"
#define DV_GREETING ("h\xc3\xa9" "llo \"you\"")
#define DV_PI 3.14159265358979
#define DV_HALF (1.0f / 2)
#define DV_HUGE (1e308 * 10)
#define DV_LATIN1 "\xe9"
#define DV_WIDE L"x"
#define DV_COUNT 4
int dv_version(void);
