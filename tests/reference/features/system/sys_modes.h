/* A system header for features/system_enums.h (not a case itself). */
enum sys_mode { SYS_READ, SYS_WRITE };
typedef enum { SYS_FAST = 3, SYS_SAFE = 5 } sys_speed;
