# Rules files (tests/rules/): a C library whose header has no annotations,
# bound through tests/rules/lib/counter.rules, built with emcc and called
# from node --test (tests/rules/counter.test.mjs).
RULES_LIB := tests/rules/lib
RULES_FLAGS = -O2 --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH \
  -sEXPORTED_FUNCTIONS=$$(cat build/rules/counter.exports)

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
