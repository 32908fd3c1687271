/* Arrays in structs: a char array is a string, an array of numbers a
 * typed array, of structs an array of objects; and a 2-D array. */
typedef struct { double xy[2]; } sa_pt;
typedef struct {
  char name[16];
  int scores[4];
  sa_pt corners[2];
  unsigned char grid[2][3];
} sa_record;
int sa_total(const sa_record *r);
sa_record sa_make(const char *name);
