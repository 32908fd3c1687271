# The run-time mode (web/wasmbind.mjs): the generator as a library, compiled
# by emcc into an ES module with the .wasm inside (one file, for Node and
# browsers alike; web-only environment: Emscripten 3.1.6's Node code does not
# run as an ES module), and bound by wasmbind itself from its own header:
#   build/lib/wasmbind-module.mjs   Emscripten's module, with wb_generate
#   build/lib/wasmbind-api.js, .d.ts  the bindings of src/wasmbind.h
build/lib/exports.txt: src/wasmbind.h src/wasmbind.rules build/wasmbind
	@mkdir -p build/lib
	build/wasmbind exports src/wasmbind.h --rules src/wasmbind.rules > $@.tmp
	@$(update_if_changed)

build/lib/wasmbind-module.mjs: $(call objs,wasm,$(LIB_SRCS)) $(HDRS) build/lib/exports.txt | setup
	$(EMCC) -O2 -mbulk-memory -sMODULARIZE -sEXPORT_ES6 -sEXPORT_NAME=createWasmbind \
	  -sENVIRONMENT=web,worker -sSINGLE_FILE -sALLOW_MEMORY_GROWTH \
	  -sEXPORTED_RUNTIME_METHODS=getTempRet0 -sEXPORTED_FUNCTIONS=$$(cat build/lib/exports.txt) \
	  -o $@ $(filter %.o,$^)

build/lib/wasmbind-api.js: src/wasmbind.h src/wasmbind.rules build/wasmbind
	@mkdir -p build/lib
	build/wasmbind gen src/wasmbind.h --rules src/wasmbind.rules -o $@
build/lib/wasmbind-api.d.ts: build/lib/wasmbind-api.js ;

# The type of Emscripten's module, for the type check of web/wasmbind.mjs
# (jsconfig.json, tests/typecheck.test.mjs): without it tsc would check
# Emscripten's generated JavaScript itself.
build/lib/wasmbind-module.d.mts: mk/lib.mk
	@mkdir -p build/lib
	printf '%s\n' 'export default function createWasmbind(moduleArg?: object): Promise<unknown>;' > $@

.PHONY: lib
lib: build/lib/wasmbind-module.mjs build/lib/wasmbind-api.js
TEST_PREREQS += build/lib/wasmbind-module.mjs build/lib/wasmbind-api.js build/lib/wasmbind-module.d.mts
