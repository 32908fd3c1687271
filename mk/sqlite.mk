# examples/sqlite: SQLite 3.53.2 (the amalgamation that the npm package
# better-sqlite3 ships in deps/sqlite3, installed by `make setup` without its
# install script) compiled by emcc into a standalone .wasm, and bound by
# wasmbind from the unedited sqlite3.h plus examples/sqlite/sqlite3.rules.
#   build/examples/sqlite/sqlite3.o, os.o   the objects
#   build/examples/sqlite/exports.txt       the -sEXPORTED_FUNCTIONS value: what
#                                           `wasmbind exports` lists and the objects define
#   build/examples/sqlite/sqlite3.wasm      the library
#   build/examples/sqlite/sqlite3.js, .d.ts the bindings (load() finds sqlite3.wasm next to them)
# `make sqlite` builds them all; `make sqlite SQLITE_RULES=` generates the
# plain bindings instead (the default mapping, without the rules).
SQLITE_DIR := build/examples/sqlite
SQLITE_SRC_DIR := node_modules/better-sqlite3/deps/sqlite3
SQLITE_C := $(SQLITE_SRC_DIR)/sqlite3.c
SQLITE_H := $(SQLITE_SRC_DIR)/sqlite3.h
SQLITE_RULES ?= --rules examples/sqlite/sqlite3.rules
EMNM ?= emnm

# No threads, no extensions to load, no files: the OS layer is
# examples/sqlite/os.c (SQLITE_OS_OTHER), databases are ':memory:' and
# temporary tables stay in memory. MEMSTATUS: sqlite3_memory_used() counts,
# for the leak checks. DQS=0: "x" is an identifier, never a string.
SQLITE_DEFS := -DSQLITE_OS_OTHER=1 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION \
  -DSQLITE_DEFAULT_MEMSTATUS=1 -DSQLITE_TEMP_STORE=3 -DSQLITE_OMIT_SHARED_CACHE \
  -DSQLITE_DQS=0 -DSQLITE_OMIT_WAL -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_ENABLE_COLUMN_METADATA
SQLITE_EMCC_FLAGS := -O2 --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH

.PHONY: sqlite
sqlite: $(SQLITE_DIR)/sqlite3.js $(SQLITE_DIR)/sqlite3.d.ts

# The sources arrive with the npm packages (`make setup`).
$(SQLITE_C) $(SQLITE_H): | setup ;

$(SQLITE_DIR)/sqlite3.o: $(SQLITE_C) $(SQLITE_H) mk/sqlite.mk | setup
	@mkdir -p $(SQLITE_DIR)
	$(EMCC) -O2 $(SQLITE_DEFS) -c $(SQLITE_C) -o $@

$(SQLITE_DIR)/os.o: examples/sqlite/os.c $(SQLITE_H) mk/sqlite.mk | setup
	@mkdir -p $(SQLITE_DIR)
	$(EMCC) -O2 -std=c11 -Wall -Wextra -I$(SQLITE_SRC_DIR) -c $< -o $@

# sqlite3.h declares functions that these options leave out (load_extension,
# the win32 ones, snapshots, mutexes, ...): the objects' defined functions
# (emnm's T lines) filter the header's list. malloc and free come from libc.
$(SQLITE_DIR)/exports.txt: $(SQLITE_H) $(SQLITE_DIR)/sqlite3.o $(SQLITE_DIR)/os.o build/wasmbind
	$(EMNM) --defined-only -g $(SQLITE_DIR)/sqlite3.o $(SQLITE_DIR)/os.o \
	  | awk '$$2 == "T" { print $$3 }' > $@.defined
	@grep -qx sqlite3_open_v2 $@.defined || { echo "$(EMNM) listed no SQLite functions" >&2; exit 1; }
	build/wasmbind exports $(SQLITE_H) --format list > $@.declared
	grep -Fx -e malloc -e free -f $@.defined $@.declared | sed 's/^/_/' | paste -sd, - > $@.tmp
	@rm -f $@.defined $@.declared
	@$(update_if_changed)

$(SQLITE_DIR)/sqlite3.wasm: $(SQLITE_DIR)/sqlite3.o $(SQLITE_DIR)/os.o $(SQLITE_DIR)/exports.txt | setup
	$(EMCC) $(SQLITE_EMCC_FLAGS) $(SQLITE_DIR)/sqlite3.o $(SQLITE_DIR)/os.o -o $@ \
	  -sEXPORTED_FUNCTIONS=$$(cat $(SQLITE_DIR)/exports.txt)

$(SQLITE_DIR)/sqlite3.js: $(SQLITE_H) examples/sqlite/sqlite3.rules $(SQLITE_DIR)/sqlite3.wasm build/wasmbind
	build/wasmbind gen $(SQLITE_H) $(SQLITE_RULES) --wasm $(SQLITE_DIR)/sqlite3.wasm -o $@
$(SQLITE_DIR)/sqlite3.d.ts: $(SQLITE_DIR)/sqlite3.js ;

TEST_PREREQS += $(SQLITE_DIR)/sqlite3.js $(SQLITE_DIR)/sqlite3.d.ts $(SQLITE_DIR)/sqlite3.wasm
