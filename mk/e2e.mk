# End-to-end fixtures: C libraries built with emcc, bound with build/wasmbind,
# called from node --test (tests/e2e/*.test.mjs). Each is built twice: a
# standalone wasm (i64 as BigInt) and Emscripten's JS-facing build whose i64
# crosses as legalized (low, high) pairs.
E2E_NAMES := mapping hosted
E2E_LEGAL_NAMES := mapping
E2E_FLAGS = -O2 -Iinclude -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH $(E2E_EXTRA) \
  -sEXPORTED_FUNCTIONS=$$(cat build/e2e/$*.exports)

# What `wasmbind exports` lists, rewritten only when it changes: a new
# generator does not relink the fixtures.
build/e2e/%.exports: tests/e2e/%.h include/wasmbind.h build/wasmbind
	@mkdir -p build/e2e
	build/wasmbind exports tests/e2e/$*.h -I include > $@.tmp
	@$(update_if_changed)

build/e2e/%.wasm: tests/e2e/%.c tests/e2e/%.h include/wasmbind.h build/e2e/%.exports | setup
	$(EMCC) $(E2E_FLAGS) tests/e2e/$*.c -o $@ --no-entry -sSTANDALONE_WASM

build/e2e/legal/%.wasm: tests/e2e/%.c tests/e2e/%.h include/wasmbind.h build/e2e/%.exports | setup
	@mkdir -p build/e2e/legal
	$(EMCC) $(E2E_FLAGS) tests/e2e/$*.c -o build/e2e/legal/$*.js

build/e2e/%.js: build/e2e/%.wasm tests/e2e/%.h build/wasmbind
	build/wasmbind gen tests/e2e/$*.h -I include --wasm $< -o $@

# hosted.c imports host_add from JS: an undefined symbol on purpose.
build/e2e/hosted.wasm: E2E_EXTRA = -sERROR_ON_UNDEFINED_SYMBOLS=0 -Wno-undefined

# hosted.c rebuilt with a printf after its bindings were generated: it
# imports WASI functions those bindings do not carry.
build/e2e/hosted-printf.wasm: tests/e2e/hosted.c tests/e2e/hosted.h include/wasmbind.h build/e2e/hosted.exports | setup
	$(EMCC) -O2 -Iinclude -sERROR_ON_UNDEFINED_SYMBOLS=0 -Wno-undefined -DHOSTED_PRINTF \
	  -sEXPORTED_FUNCTIONS=$$(cat build/e2e/hosted.exports) \
	  tests/e2e/hosted.c -o $@ --no-entry -sSTANDALONE_WASM
E2E_FIXTURES := build/e2e/hosted-printf.wasm

E2E_FIXTURES += $(foreach n,$(E2E_NAMES),build/e2e/$(n).js)
E2E_FIXTURES += $(foreach n,$(E2E_LEGAL_NAMES),build/e2e/legal/$(n).wasm)

# A build that leaves functions out, for load()'s check of the exports.
build/e2e/partial.wasm: tests/e2e/mapping.c tests/e2e/mapping.h | setup
	@mkdir -p build/e2e
	$(EMCC) -O2 -Iinclude tests/e2e/mapping.c -o $@ --no-entry -sSTANDALONE_WASM \
	  -sEXPORTED_FUNCTIONS=_add,_malloc,_free
E2E_FIXTURES += build/e2e/partial.wasm

# A build whose function table cannot grow: no room for JS callbacks.
build/e2e/fixed-table.wasm: tests/e2e/mapping.c tests/e2e/mapping.h include/wasmbind.h build/e2e/mapping.exports | setup
	$(EMCC) -O2 -Iinclude -sALLOW_MEMORY_GROWTH tests/e2e/mapping.c -o $@ --no-entry -sSTANDALONE_WASM \
	  -sEXPORTED_FUNCTIONS=$$(cat build/e2e/mapping.exports)
E2E_FIXTURES += build/e2e/fixed-table.wasm

TEST_PREREQS += $(E2E_FIXTURES)
CHECK_PREREQS += $(E2E_FIXTURES)
