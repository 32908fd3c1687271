/* A struct by value, in and out: a plain object with every field. */
typedef struct { float x, y; } sv_vec2;
typedef struct { sv_vec2 min, max; int tag; } sv_box;
sv_vec2 sv_add(sv_vec2 a, sv_vec2 b);
sv_box sv_grow(sv_box b, float by);
