# `make demo`: sets up what is missing, builds the example, runs it in Node,
# then builds the demo page and serves it on 127.0.0.1 (first free port from
# 8080) until Ctrl-C.
#
# The page is the same library built a second time, as an Emscripten HTML
# program (shell.html is the --shell-file): index.html, index.js and
# index.wasm. Its script, web/demo.js, calls wrap(Module) from the generated
# bindings, copied next to it. (Debian's emcc 3.1.6 needs -g2 at -O1 and
# above with --shell-file.) Without -sWASM_BIGINT, Emscripten's JS interface
# passes i64 as two i32 halves and returns the high half through tempRet0:
# getTempRet0 is exported on Module for wrap() to read it.
#
# The page is also the playground: web/playground.js calls generate() from
# web/wasmbind.mjs (the generator in WebAssembly, `make lib`), and the SQLite
# example (web/page-sqlite.js) loads build/examples/sqlite (`make sqlite`)
# when its tab opens. build/demo keeps the repository's relative layout for
# wasmbind.mjs, which imports ../build/lib/...:
#   build/demo/web/wasmbind.mjs, build/demo/build/lib/wasmbind-{module.mjs,api.js}
#   build/demo/sqlite/sqlite3.js, sqlite3.wasm
# (mk/*.mk are included in name order: this file comes before example.mk,
# lib.mk and sqlite.mk, so its targets and prerequisites spell their paths out.)
DEMO_DIR := build/demo
DEMO_SCRIPTS := demo.js page-tabs.js playground.js page-sqlite.js
DEMO_FILES := $(DEMO_DIR)/index.html $(addprefix $(DEMO_DIR)/,$(DEMO_SCRIPTS)) $(DEMO_DIR)/demo.css \
  $(DEMO_DIR)/geo.js $(DEMO_DIR)/web/wasmbind.mjs \
  $(DEMO_DIR)/build/lib/wasmbind-module.mjs $(DEMO_DIR)/build/lib/wasmbind-api.js \
  $(DEMO_DIR)/sqlite/sqlite3.js $(DEMO_DIR)/sqlite/sqlite3.wasm

$(DEMO_DIR)/index.html: shell.html examples/geo/geo.c examples/geo/geo.h include/wasmbind.h mk/demo.mk \
    build/examples/geo/exports.txt | setup
	@mkdir -p $(DEMO_DIR)
	$(EMCC) -O2 -g2 $(GEO_CPP) $(GEO_SRC) -o $@ --shell-file shell.html \
	  -sEXPORTED_FUNCTIONS=$$(cat $(GEO_DIR)/exports.txt) \
	  -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH -sMODULARIZE=0 \
	  -sEXPORTED_RUNTIME_METHODS=getTempRet0

$(addprefix $(DEMO_DIR)/,$(DEMO_SCRIPTS) demo.css): $(DEMO_DIR)/%: web/%
	@mkdir -p $(@D)
	cp $< $@
$(DEMO_DIR)/geo.js: build/examples/geo/geo.js
	@mkdir -p $(@D)
	cp $< $@
$(DEMO_DIR)/web/wasmbind.mjs: web/wasmbind.mjs
	@mkdir -p $(@D)
	cp $< $@
$(DEMO_DIR)/build/lib/%: build/lib/%
	@mkdir -p $(@D)
	cp $< $@
$(DEMO_DIR)/sqlite/%: build/examples/sqlite/%
	@mkdir -p $(@D)
	cp $< $@

demo: setup build/examples/geo/geo.js $(DEMO_FILES)
	@echo "== examples/geo/run.mjs: the library in Node"
	node examples/geo/run.mjs
	@echo "== the demo page"
	node tools/serve.mjs $(DEMO_DIR)

TEST_PREREQS += $(DEMO_FILES)
