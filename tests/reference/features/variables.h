/* Variables the header declares (not static) are properties of the library
 * object: getters reading them where C keeps them, and setters for numbers
 * that are not const; `wasmbind exports` lists them (emcc exports their
 * addresses). Other types get a warning.
 * wasmbind-args: */
extern int va_count;
extern const float va_scale;
extern const char *va_name;
extern char va_tag[4];
extern void *va_opaque;
static int va_hidden;
int va_get(void);
