# wasmbind: `make` builds the native CLI, `make check` runs the quick tests
# (C units, reference, end-to-end: the loop while editing), `make test` runs
# every test, `make lint` checks style and types, `make demo` builds and runs
# the example and serves the page. `make -j2` builds two things at a time.
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

.PHONY: all wasm test check bless demo setup clean unit
all: build/wasmbind

# Each source is compiled to its own object, once per flavour, so that an
# edit recompiles one file; -MMD writes the headers each object read into a
# .d file beside it (included at the end).
#   build/obj/opt/    $(CFLAGS): build/wasmbind
#   build/obj/asan/   -O1, ASan and UBSan: build/wasmbind-asan, build/unit-tests
#   build/obj/wasm/   emcc -O2: build/wasmbind-wasm.cjs, build/lib/wasmbind-module.mjs
#   build/obj/fuzz/   clang, libFuzzer's instrumentation: build/fuzz_header
# $(call objs,FLAVOUR,SOURCES): the objects of those sources.
objs = $(patsubst %.c,build/obj/$(1)/%.o,$(2))
LIB_SRCS := $(SRCS) $(GEN_SRCS)

build/obj/opt/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -Isrc -MMD -MP -c $< -o $@

build/obj/asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SANITIZE) -Isrc -MMD -MP -c $< -o $@

# -mbulk-memory: memset and memcpy become single instructions.
build/obj/wasm/%.o: %.c | setup
	@mkdir -p $(@D)
	$(EMCC) -O2 -mbulk-memory -Isrc -MMD -MP -c $< -o $@

# Moves $@.tmp over $@ only when they differ: a list of exports keeps its date
# when a new generator prints the same list, and the .wasm linked with it is
# not linked again.
update_if_changed = if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

build/runtime_js.c: web/runtime.js tools/embed.sh
	@mkdir -p build
	sh tools/embed.sh wb_runtime_js web/runtime.js > $@

build/wasmbind_h.c: include/wasmbind.h tools/embed.sh
	@mkdir -p build
	sh tools/embed.sh wb_annotations_h include/wasmbind.h > $@

# (The headers too: with every target secondary, make would not build a
# missing object for a header change it cannot see without the .d files.)
build/wasmbind: $(call objs,opt,src/main.c $(LIB_SRCS)) $(HDRS)
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^)

# The generator built with sanitizers, for the tests.
build/wasmbind-asan: $(call objs,asan,src/main.c $(LIB_SRCS)) $(HDRS)
	$(CC) -O1 -g $(SANITIZE) -o $@ $(filter %.o,$^)

# The generator itself in WebAssembly, run by Node with the same command line:
#   node build/wasmbind-wasm.cjs gen HEADER -o OUT.js
# (.cjs: the package is "type": "module"; one file: no .wasm to fetch.)
wasm: build/wasmbind-wasm.cjs
build/wasmbind-wasm.cjs: $(call objs,wasm,src/main.c $(LIB_SRCS)) $(HDRS) web/cli-pre.js | setup
	$(EMCC) -O2 -mbulk-memory -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1 \
	  -sSINGLE_FILE=1 -sENVIRONMENT=node --pre-js web/cli-pre.js -o $@ $(filter %.o,$^)

include mk/*.mk

clean:
	rm -rf build

# Build products made on the way (a fixture's .wasm) are kept, not deleted.
.SECONDARY:

# Every area adds what its tests need built to TEST_PREREQS (mk/*.mk), and
# what `make check`'s suites need to CHECK_PREREQS.
TEST_FILES = $(sort $(wildcard tests/*.test.mjs tests/*/*.test.mjs))
test: setup all build/wasmbind-asan build/wasmbind-wasm.cjs $(TEST_PREREQS)
	@echo "== C unit tests (ASan, UBSan)"
	./build/unit-tests
	@echo "== node --test"
	FUZZ_TIME=$(FUZZ_TIME) node --test $(TEST_FILES)

# The quick loop: the generator, the C unit tests, the reference and the
# end-to-end tests. No fuzzing, no browser, no emcc build of the generator.
CHECK_FILES = $(sort $(wildcard tests/reference.test.mjs tests/reference/*.test.mjs tests/e2e/*.test.mjs))
check: setup all build/unit-tests $(CHECK_PREREQS)
	@echo "== C unit tests (ASan, UBSan)"
	./build/unit-tests
	@echo "== node --test (reference, end-to-end)"
	node --test $(CHECK_FILES)

-include $(wildcard build/obj/*/src/*.d build/obj/*/build/*.d build/obj/*/tests/*/*.d)
