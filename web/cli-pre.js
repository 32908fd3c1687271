// Prepended (emcc --pre-js) to build/wasmbind-wasm.cjs, the generator's
// command line under Node. One run of the CLI lasts tens of milliseconds:
// too short for V8's optimizing tier to pay back its compile time, which on a
// two-core machine also takes the CPU from the run itself (measured on glib.h:
// 150 ms with tier-up, 100 ms with Liftoff alone). The flag applies to this
// process only, so it stays out of the library build that other programs load.
require('v8').setFlagsFromString('--liftoff-only');
