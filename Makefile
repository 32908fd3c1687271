# wasmbind: `make` builds the native CLI, `make test` runs every test,
# `make demo` builds and runs the example and serves the page.
# Pieces of the build live in mk/*.mk, one per area.

CC ?= gcc
CFLAGS ?= -O2 -g
WARN := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
export NODE_PATH := /usr/share/nodejs
EMCC ?= emcc

SRCS := $(filter-out src/main.c,$(wildcard src/*.c))
HDRS := $(wildcard src/*.h)
# web/runtime.js is compiled into the generator (emit_js picks the helpers a library uses).
GEN_SRCS := build/runtime_js.c build/wasmbind_h.c

.PHONY: all wasm test bless demo setup clean unit
all: build/wasmbind

build/runtime_js.c: web/runtime.js tools/embed.sh
	@mkdir -p build
	sh tools/embed.sh wb_runtime_js web/runtime.js > $@

build/wasmbind_h.c: include/wasmbind.h tools/embed.sh
	@mkdir -p build
	sh tools/embed.sh wb_annotations_h include/wasmbind.h > $@

build/wasmbind: src/main.c $(SRCS) $(HDRS) $(GEN_SRCS)
	@mkdir -p build
	$(CC) $(WARN) $(CFLAGS) -Isrc -o $@ src/main.c $(SRCS) $(GEN_SRCS)

# The generator built with sanitizers, for the tests.
build/wasmbind-asan: src/main.c $(SRCS) $(HDRS) $(GEN_SRCS)
	@mkdir -p build
	$(CC) $(WARN) -O1 -g $(SANITIZE) -Isrc -o $@ src/main.c $(SRCS) $(GEN_SRCS)

# The generator itself in WebAssembly, run by Node with the same command line:
#   node build/wasmbind-wasm.cjs gen HEADER -o OUT.js
# (.cjs: the package is "type": "module"; one file: no .wasm to fetch.)
wasm: build/wasmbind-wasm.cjs
# -mbulk-memory: memset and memcpy become single instructions.
build/wasmbind-wasm.cjs: src/main.c $(SRCS) $(HDRS) $(GEN_SRCS) web/cli-pre.js | setup
	@mkdir -p build
	$(EMCC) -O2 -mbulk-memory -Isrc -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1 \
	  -sSINGLE_FILE=1 -sENVIRONMENT=node --pre-js web/cli-pre.js -o $@ src/main.c $(SRCS) $(GEN_SRCS)

include mk/*.mk

clean:
	rm -rf build

# Build products made on the way (a fixture's .wasm) are kept, not deleted.
.SECONDARY:

# Every area adds what its tests need built to TEST_PREREQS (mk/*.mk).
TEST_FILES = $(sort $(wildcard tests/*.test.mjs tests/*/*.test.mjs))
test: setup all build/wasmbind-asan build/wasmbind-wasm.cjs $(TEST_PREREQS)
	@echo "== C unit tests (ASan, UBSan)"
	./build/unit-tests
	@echo "== node --test"
	node --test $(TEST_FILES)
