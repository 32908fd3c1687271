# Rules files (tests/rules/): a C library whose header has no annotations,
# bound through tests/rules/lib/counter.rules, built with emcc and called
# from node --test (tests/rules/counter.test.mjs).
RULES_LIB := tests/rules/lib
RULES_FLAGS = -O2 --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH \
  -sEXPORTED_FUNCTIONS=$$(cat build/rules/counter.exports)
SHELF_FLAGS = -O2 --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH \
  -sEXPORTED_FUNCTIONS=$$(cat build/rules/shelf.exports)

build/rules/counter.exports: $(RULES_LIB)/counter.h $(RULES_LIB)/counter.rules build/wasmbind
	@mkdir -p build/rules
	build/wasmbind exports $(RULES_LIB)/counter.h --rules $(RULES_LIB)/counter.rules > $@.tmp
	@$(update_if_changed)

build/rules/counter.wasm: $(RULES_LIB)/counter.c $(RULES_LIB)/counter.h build/rules/counter.exports | setup
	$(EMCC) $(RULES_FLAGS) $(RULES_LIB)/counter.c -o $@

build/rules/counter.js: build/rules/counter.wasm $(RULES_LIB)/counter.h $(RULES_LIB)/counter.rules build/wasmbind
	build/wasmbind gen $(RULES_LIB)/counter.h --rules $(RULES_LIB)/counter.rules --wasm $< -o $@

.PHONY: rules
rules: build/rules/counter.js
TEST_PREREQS += build/rules/counter.js

# A second library: lifetimes across objects (tests/rules/lifetimes.test.mjs).
build/rules/shelf.exports: $(RULES_LIB)/shelf.h $(RULES_LIB)/shelf.rules build/wasmbind
	@mkdir -p build/rules
	build/wasmbind exports $(RULES_LIB)/shelf.h --rules $(RULES_LIB)/shelf.rules > $@.tmp
	@$(update_if_changed)

build/rules/shelf.wasm: $(RULES_LIB)/shelf.c $(RULES_LIB)/shelf.h build/rules/shelf.exports | setup
	$(EMCC) $(SHELF_FLAGS) $(RULES_LIB)/shelf.c -o $@

build/rules/shelf.js: build/rules/shelf.wasm $(RULES_LIB)/shelf.h $(RULES_LIB)/shelf.rules build/wasmbind
	build/wasmbind gen $(RULES_LIB)/shelf.h --rules $(RULES_LIB)/shelf.rules --wasm $< -o $@

rules: build/rules/shelf.js
TEST_PREREQS += build/rules/shelf.js

# A third: buffers in struct fields (tests/rules/buffers.test.mjs).
build/rules/digest.exports: $(RULES_LIB)/digest.h $(RULES_LIB)/digest.rules build/wasmbind
	@mkdir -p build/rules
	build/wasmbind exports $(RULES_LIB)/digest.h --rules $(RULES_LIB)/digest.rules > $@.tmp
	@$(update_if_changed)

build/rules/digest.wasm: $(RULES_LIB)/digest.c $(RULES_LIB)/digest.h build/rules/digest.exports | setup
	$(EMCC) -O2 --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH \
	  -sEXPORTED_FUNCTIONS=$$(cat build/rules/digest.exports) $(RULES_LIB)/digest.c -o $@

build/rules/digest.js: build/rules/digest.wasm $(RULES_LIB)/digest.h $(RULES_LIB)/digest.rules build/wasmbind
	build/wasmbind gen $(RULES_LIB)/digest.h --rules $(RULES_LIB)/digest.rules --wasm $< -o $@

rules: build/rules/digest.js
TEST_PREREQS += build/rules/digest.js
