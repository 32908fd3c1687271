/* Bit-fields in a view and in a value: read and written through their
 * storage unit, signed ones sign-extended. */
typedef struct {
  unsigned ready : 1;
  unsigned mode : 3;
  int delta : 5;
  unsigned : 0;
  unsigned long long wide : 40;
} bf_flags;
int bf_check(bf_flags f);
bf_flags *bf_current(void);
