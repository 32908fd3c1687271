// C++ with wasm exceptions: its builds import (a side module) or define (an
// object file) the exception tag, for the wasm-objdump test.
extern "C" int may_throw(int x);
extern "C" int thrower(int x) { if (x < 0) throw x; return may_throw(x); }
extern "C" int catcher(int x) { try { return thrower(x); } catch (int e) { return e; } }
