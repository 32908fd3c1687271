# examples/expat: libexpat 2.2.1 (the sources that the npm package node-expat
# ships in deps/libexpat, installed by `make setup` without its install
# script) compiled by emcc into a standalone .wasm, and bound by wasmbind from
# the unedited expat.h plus examples/expat/expat.rules.
#   build/examples/expat/*.o                the objects
#   build/examples/expat/exports.txt        the -sEXPORTED_FUNCTIONS value: what
#                                           `wasmbind exports` lists and the objects define
#   build/examples/expat/expat.wasm         the library
#   build/examples/expat/expat.js, .d.ts    the bindings (load() finds expat.wasm next to them)
#   build/examples/expat/refs.json          what Python's xml.parsers.expat reports for the
#                                           suite's documents, for the page opened by hand
#                                           (the tests compute their own)
# `make expat` builds them all; `make expat EXPAT_RULES=` generates the plain
# bindings instead (the default mapping, without the rules).
EXPAT_DIR := build/examples/expat
EXPAT_SRC_DIR := node_modules/node-expat/deps/libexpat
EXPAT_H := $(EXPAT_SRC_DIR)/lib/expat.h
EXPAT_SRCS := $(addprefix $(EXPAT_SRC_DIR)/lib/,xmlparse.c xmlrole.c xmltok.c)
EXPAT_OBJS := $(patsubst $(EXPAT_SRC_DIR)/lib/%.c,$(EXPAT_DIR)/%.o,$(EXPAT_SRCS))
EXPAT_RULES ?= --rules examples/expat/expat.rules
EMNM ?= emnm

# HAVE_EXPAT_CONFIG_H: the expat_config.h that node-expat ships (XML_DTD,
# XML_NS, XML_CONTEXT_BYTES=1024, little-endian). It defines neither
# HAVE_GETRANDOM nor HAVE_ARC4RANDOM_BUF, so the hash salt comes from
# expat 2.2.1's fallback (gettimeofday ^ getpid: WASI's clock here); expat
# 2.2.1 has no XML_POOR_ENTROPY switch, that came in 2.2.3. NDEBUG: no asserts.
EXPAT_DEFS := -DHAVE_EXPAT_CONFIG_H -I$(EXPAT_SRC_DIR) -DNDEBUG
EXPAT_EMCC_FLAGS := -O2 --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH

.PHONY: expat
expat: $(EXPAT_DIR)/expat.js $(EXPAT_DIR)/expat.d.ts $(EXPAT_DIR)/refs.json

# The sources arrive with the npm packages (`make setup`).
$(EXPAT_SRCS) $(EXPAT_H): | setup ;

$(EXPAT_DIR)/%.o: $(EXPAT_SRC_DIR)/lib/%.c $(EXPAT_H) mk/expat.mk | setup
	@mkdir -p $(EXPAT_DIR)
	$(EMCC) -O2 $(EXPAT_DEFS) -c $< -o $@

# expat.h declares nothing these sources leave out, but the list is filtered
# by the objects' defined functions (emnm's T lines) all the same, as for
# SQLite. malloc and free come from libc.
$(EXPAT_DIR)/exports.txt: $(EXPAT_H) $(EXPAT_OBJS) build/wasmbind
	$(EMNM) --defined-only -g $(EXPAT_OBJS) | awk '$$2 == "T" { print $$3 }' > $@.defined
	@grep -qx XML_ParserCreate $@.defined || { echo "$(EMNM) listed no expat functions" >&2; exit 1; }
	build/wasmbind exports $(EXPAT_H) --format list > $@.declared
	grep -Fx -e malloc -e free -f $@.defined $@.declared | sed 's/^/_/' | paste -sd, - > $@.tmp
	@rm -f $@.defined $@.declared
	@$(update_if_changed)

$(EXPAT_DIR)/expat.wasm: $(EXPAT_OBJS) $(EXPAT_DIR)/exports.txt | setup
	$(EMCC) $(EXPAT_EMCC_FLAGS) $(EXPAT_OBJS) -o $@ -sEXPORTED_FUNCTIONS=$$(cat $(EXPAT_DIR)/exports.txt)

$(EXPAT_DIR)/expat.js: $(EXPAT_H) examples/expat/expat.rules $(EXPAT_DIR)/expat.wasm build/wasmbind
	build/wasmbind gen $(EXPAT_H) $(EXPAT_RULES) --wasm $(EXPAT_DIR)/expat.wasm -o $@
$(EXPAT_DIR)/expat.d.ts: $(EXPAT_DIR)/expat.js ;

# examples/expat/reference.py on referenceInput() of examples/expat/suite.mjs.
$(EXPAT_DIR)/refs.json: examples/expat/reference.py examples/expat/suite.mjs | setup
	@mkdir -p $(EXPAT_DIR)
	node --input-type=module -e "import { referenceInput } from './examples/expat/suite.mjs'; \
	  process.stdout.write(JSON.stringify(referenceInput()))" | python3 examples/expat/reference.py > $@.tmp
	mv $@.tmp $@

TEST_PREREQS += $(EXPAT_DIR)/expat.js $(EXPAT_DIR)/expat.d.ts $(EXPAT_DIR)/expat.wasm
