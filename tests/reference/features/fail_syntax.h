/* Must fail: a syntax error and an unsupported type, both located. */
/* wasmbind-exit: 1 */
int fs_ok(int x);
int fs_bad(int x;
_Complex double fs_complex(void);
