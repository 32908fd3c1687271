/* Enums a system header declares are not the header's (no constants on
 * the library), but the .d.ts declares the type of those it uses.
 * wasmbind-args: -isystem tests/reference/features/system */
#include <sys_modes.h>
int se_open(enum sys_mode mode, sys_speed speed);
