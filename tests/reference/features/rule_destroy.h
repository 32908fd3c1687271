/* rules: type T: destroy F. T's handles are objects of a class with a
 * destructor method and [Symbol.dispose]; one object per live pointer.
 * wasmbind-args: --rules tests/reference/features/rule_destroy.rules */
typedef struct rd_file rd_file;
rd_file *rd_open(const char *path);
int rd_close(rd_file *f);
int rd_size(rd_file *f);
