# The binaries the .wasm reader and `wasmbind check` are tested on
# (tests/wasm/*.test.mjs), built with emcc into build/wasm-fixtures/:
#   lib-standalone.wasm  lib.c, -sSTANDALONE_WASM: real i64 in signatures
#   lib-legal.wasm       lib.c, plain `emcc -O2 -o x.js`: i64 legalized to i32 pairs
#   lib-missing.wasm     lib.c without two of the header's exports
#   lib-nomalloc.wasm    lib.c without malloc and free exported
#   lib-wrong.wasm       lib_wrong.c: two functions disagree with lib.h
#   imports.wasm         a side module: function, global, memory, table imports
#   tags.wasm, tags.o    C++ with wasm exceptions: a tag import; a relocatable
#                        object (tag and data count sections, reloc sections)
WASM_FIXTURES_DIR := build/wasm-fixtures
comma := ,
EMXX ?= em++
# What `wasmbind exports tests/wasm/lib.h -Iinclude` prints (check.test.mjs
# verifies it): written out so the fixtures do not depend on the generator.
WASM_LIB_EXPORTS := _malloc,_free,_add,_add64,_mix,_scale,_nothing,_vec2_make,_vec2_len,_unwrap,_wrap_f,_wide_get,_quad_add,_empty_arg,_one_int,_next_color,_handle_new,_handle_name,_handle_release,_sum_ints,_text_length,_handle_free_name
WASM_LIB_MISSING := $(subst $(comma)_handle_free_name,,$(subst _vec2_len$(comma),,$(WASM_LIB_EXPORTS)))
WASM_LIB_NOMALLOC := $(subst _malloc$(comma)_free$(comma),,$(WASM_LIB_EXPORTS))
WASM_LIB_DEPS := tests/wasm/lib.c tests/wasm/lib.h include/wasmbind.h
WASM_EMCC_LIB := $(EMCC) -O2 -Iinclude -Itests/wasm
WASM_STANDALONE := --no-entry -sSTANDALONE_WASM

WASM_FIXTURES := $(addprefix $(WASM_FIXTURES_DIR)/,lib-standalone.wasm lib-legal.wasm \
  lib-missing.wasm lib-nomalloc.wasm lib-wrong.wasm imports.wasm tags.wasm tags.o)

.PHONY: wasm-fixtures
wasm-fixtures: $(WASM_FIXTURES)

$(WASM_FIXTURES_DIR)/lib-standalone.wasm: $(WASM_LIB_DEPS) | setup
	@mkdir -p $(@D)
	$(WASM_EMCC_LIB) $(WASM_STANDALONE) -sEXPORTED_FUNCTIONS=$(WASM_LIB_EXPORTS) tests/wasm/lib.c -o $@

# The .js beside it is Emscripten's loader; the test only reads the .wasm.
$(WASM_FIXTURES_DIR)/lib-legal.wasm: $(WASM_LIB_DEPS) | setup
	@mkdir -p $(@D)
	$(WASM_EMCC_LIB) -sEXPORTED_FUNCTIONS=$(WASM_LIB_EXPORTS) tests/wasm/lib.c \
	  -o $(WASM_FIXTURES_DIR)/lib-legal.js

$(WASM_FIXTURES_DIR)/lib-missing.wasm: $(WASM_LIB_DEPS) | setup
	@mkdir -p $(@D)
	$(WASM_EMCC_LIB) $(WASM_STANDALONE) -sEXPORTED_FUNCTIONS=$(WASM_LIB_MISSING) tests/wasm/lib.c -o $@

$(WASM_FIXTURES_DIR)/lib-nomalloc.wasm: $(WASM_LIB_DEPS) | setup
	@mkdir -p $(@D)
	$(WASM_EMCC_LIB) $(WASM_STANDALONE) -sEXPORTED_FUNCTIONS=$(WASM_LIB_NOMALLOC) tests/wasm/lib.c -o $@

$(WASM_FIXTURES_DIR)/lib-wrong.wasm: tests/wasm/lib_wrong.c $(WASM_LIB_DEPS) | setup
	@mkdir -p $(@D)
	$(WASM_EMCC_LIB) $(WASM_STANDALONE) -sEXPORTED_FUNCTIONS=$(WASM_LIB_EXPORTS) tests/wasm/lib_wrong.c -o $@

$(WASM_FIXTURES_DIR)/imports.wasm: tests/wasm/imports.c | setup
	@mkdir -p $(@D)
	$(EMCC) -O2 -sSIDE_MODULE=1 $< -o $@

$(WASM_FIXTURES_DIR)/tags.wasm: tests/wasm/tags.cpp | setup
	@mkdir -p $(@D)
	$(EMXX) -O2 -fwasm-exceptions -sSIDE_MODULE=1 $< -o $@

$(WASM_FIXTURES_DIR)/tags.o: tests/wasm/tags.cpp | setup
	@mkdir -p $(@D)
	$(EMXX) -O2 -fwasm-exceptions -c $< -o $@

TEST_PREREQS += $(WASM_FIXTURES)
