# Call-overhead benchmark (issue 6): `make bench` calls the functions of
# bench/calls/bench.h through the raw wasm exports, wasmbind's bindings,
# Emscripten's ccall and cwrap, embind, and hand-written glue, in one Node
# process, and prints ns/op, ratios and the gzipped size of each glue.
# `make bench BENCH_CALLS_ARGS=--quick` is a fast smoke run. Not part of
# `make test`.
#   build/bench/bench.wasm, bench.js, .d.ts    standalone library + wasmbind's bindings
#                                              (also loaded by the raw and hand strategies)
#   build/bench/ccall/bench.cjs, .wasm         Emscripten's JS build, for ccall and cwrap
#   build/bench/embind/bench_embind.cjs, .wasm Emscripten's JS build with embind
# Same C sources and -O2 everywhere. The Emscripten JS builds are MODULARIZE'd
# CommonJS (3.1.6's ES6 output fails in Node), with -sWASM_BIGINT so that
# int64_t crosses as a BigInt as in the standalone build.
BC_DIR := build/bench
BC_HDR := bench/calls/bench.h
BC_SRC := bench/calls/bench.c
BC_CPP := -I include
BC_OPT := -O2
BC_EMJS_FLAGS := $(BC_OPT) $(BC_CPP) -sMODULARIZE -sENVIRONMENT=node -sWASM_BIGINT \
  -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH
# ccall's 'array' arguments live on the wasm stack: 8 MB of doubles need a larger one.
BC_CCALL_FLAGS := -sTOTAL_STACK=16MB -sINITIAL_MEMORY=32MB -sEXPORT_NAME=createBenchC \
  -sEXPORTED_RUNTIME_METHODS=ccall,cwrap,UTF8ToString,stackSave,stackAlloc,stackRestore,addFunction,removeFunction,HEAPF64
BC_EMBIND_FLAGS := --bind -sEXPORT_NAME=createBenchEmbind -sEXPORTED_FUNCTIONS=_malloc,_free \
  -sEXPORTED_RUNTIME_METHODS=HEAPF64
BENCH_CALLS_ARGS ?=
EMXX ?= em++

BC_OUTPUTS := $(BC_DIR)/bench.js $(BC_DIR)/ccall/bench.cjs $(BC_DIR)/embind/bench_embind.cjs

.PHONY: bench bench-calls-build
bench: $(BC_OUTPUTS) build/wasmbind
	node bench/calls/run.mjs $(BENCH_CALLS_ARGS)
bench-calls-build: $(BC_OUTPUTS)

$(BC_DIR)/exports.txt: $(BC_HDR) include/wasmbind.h build/wasmbind | setup
	@mkdir -p $(BC_DIR)
	build/wasmbind exports $(BC_HDR) $(BC_CPP) > $@.tmp
	@$(update_if_changed)

$(BC_DIR)/bench.wasm: $(BC_SRC) $(BC_HDR) include/wasmbind.h $(BC_DIR)/exports.txt mk/bench-calls.mk | setup
	$(EMCC) $(BC_OPT) $(BC_CPP) $(BC_SRC) -o $@ --no-entry -sSTANDALONE_WASM \
	  -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH -sEXPORTED_FUNCTIONS=$$(cat $(BC_DIR)/exports.txt)

$(BC_DIR)/bench.js: $(BC_HDR) include/wasmbind.h $(BC_DIR)/bench.wasm build/wasmbind
	build/wasmbind gen $(BC_HDR) $(BC_CPP) --wasm $(BC_DIR)/bench.wasm -o $@

$(BC_DIR)/ccall/bench.cjs: $(BC_SRC) $(BC_HDR) include/wasmbind.h $(BC_DIR)/exports.txt mk/bench-calls.mk | setup
	@mkdir -p $(BC_DIR)/ccall
	$(EMCC) $(BC_EMJS_FLAGS) $(BC_CCALL_FLAGS) $(BC_SRC) -o $@ \
	  -sEXPORTED_FUNCTIONS=$$(cat $(BC_DIR)/exports.txt)

$(BC_DIR)/embind/bench.o: $(BC_SRC) $(BC_HDR) include/wasmbind.h mk/bench-calls.mk | setup
	@mkdir -p $(BC_DIR)/embind
	$(EMCC) $(BC_OPT) $(BC_CPP) -c $(BC_SRC) -o $@

$(BC_DIR)/embind/bench_embind.cjs: bench/calls/bench_embind.cpp $(BC_DIR)/embind/bench.o mk/bench-calls.mk | setup
	$(EMXX) $(BC_EMJS_FLAGS) $(BC_EMBIND_FLAGS) -I bench/calls \
	  bench/calls/bench_embind.cpp $(BC_DIR)/embind/bench.o -o $@
