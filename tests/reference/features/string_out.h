/* A const char * result: a string copied out of C memory, null for NULL;
 * never freed (C keeps it). */
const char *so_version(void);
const char *so_name_of(int code);
