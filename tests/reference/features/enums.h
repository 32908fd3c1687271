/* Enums: a frozen object of constants, the constants on the library too;
 * a parameter is a number in the enum's underlying range. */
typedef enum { EN_RED, EN_GREEN = 5, EN_BLUE } en_color;
enum en_flags { EN_A = 1 << 0, EN_B = 1 << 1, EN_NEG = -1 };
en_color en_next(en_color c);
int en_test(enum en_flags f);
