#!/usr/bin/env node
// The `wasmbind` command of the npm package: the generator's WebAssembly
// build, with the native tool's command line (`npx wasmbind gen demo.h -o demo.js`).
require('../build/wasmbind-wasm.cjs');
