# examples/argon2: the reference implementation of Argon2 (the sources that
# the npm package argon2 ships in argon2/, installed by `make setup` without
# its install script) compiled by emcc into a standalone .wasm, and bound by
# wasmbind from the unedited argon2.h plus examples/argon2/argon2.rules.
#   build/examples/argon2/exports.txt       the -sEXPORTED_FUNCTIONS value (`wasmbind exports`)
#   build/examples/argon2/argon2.wasm       the library
#   build/examples/argon2/argon2.js, .d.ts  the bindings (load() finds argon2.wasm next to them)
# `make argon2` builds them all; `make argon2 ARGON2_RULES=` generates the
# plain bindings instead (the default mapping, without the rules).
ARGON2_DIR := build/examples/argon2
ARGON2_SRC_DIR := node_modules/argon2/argon2
ARGON2_H := $(ARGON2_SRC_DIR)/include/argon2.h
# ref.c, the portable core (opt.c needs SSE); no threads: lanes are computed
# one after the other, with the same result.
ARGON2_C := $(addprefix $(ARGON2_SRC_DIR)/src/,argon2.c core.c encoding.c ref.c thread.c blake2/blake2b.c)
ARGON2_RULES ?= --rules examples/argon2/argon2.rules
# The heap grows up to 2 GiB (emcc's default maximum): m_cost is in KiB, and
# 64 MiB of blocks is a 64 MiB malloc.
ARGON2_EMCC_FLAGS := -O2 -std=c11 -I$(ARGON2_SRC_DIR)/include -DARGON2_NO_THREADS \
  --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH

.PHONY: argon2
argon2: $(ARGON2_DIR)/argon2.js $(ARGON2_DIR)/argon2.d.ts

# The sources arrive with the npm packages (`make setup`).
$(ARGON2_H) $(ARGON2_C): | setup ;

# Every function argon2.h declares is defined by these sources, and so is its
# one variable (FLAG_clear_internal_memory, in core.c).
$(ARGON2_DIR)/exports.txt: $(ARGON2_H) build/wasmbind | setup
	@mkdir -p $(ARGON2_DIR)
	build/wasmbind exports $(ARGON2_H) --format emcc > $@.tmp
	@$(update_if_changed)

$(ARGON2_DIR)/argon2.wasm: $(ARGON2_C) $(ARGON2_H) $(ARGON2_DIR)/exports.txt mk/argon2.mk | setup
	$(EMCC) $(ARGON2_EMCC_FLAGS) $(ARGON2_C) -o $@ -sEXPORTED_FUNCTIONS=$$(cat $(ARGON2_DIR)/exports.txt)

$(ARGON2_DIR)/argon2.js: $(ARGON2_H) examples/argon2/argon2.rules $(ARGON2_DIR)/argon2.wasm build/wasmbind
	build/wasmbind gen $(ARGON2_H) $(ARGON2_RULES) --wasm $(ARGON2_DIR)/argon2.wasm -o $@
$(ARGON2_DIR)/argon2.d.ts: $(ARGON2_DIR)/argon2.js ;

TEST_PREREQS += $(ARGON2_DIR)/argon2.js $(ARGON2_DIR)/argon2.d.ts $(ARGON2_DIR)/argon2.wasm
