# `make lint`: the style of the C sources and the types of the page and
# runtime scripts. Not part of `make test` (a style slip is not a failure
# of the product); run it before committing.
#   clang-format --dry-run --Werror   src/ and tests/unit/ against .clang-format
#                                     (`clang-format -i FILE` fixes one)
#   tsc -p jsconfig.json              web/*.js, web/runtime.js included, under
#                                     --checkJs --strict --noEmit (the options
#                                     are in jsconfig.json, which editors read too)
# The scripts import generated modules (geo.js, sqlite3.js, the generator's
# own bindings): their .d.ts are built first, and jsconfig.json's rootDirs
# lays build/ over web/ as `make demo` does.
LINT_C_FILES = $(wildcard src/*.c src/*.h tests/unit/*.c tests/unit/*.h)
LINT_JS_TYPES := build/examples/geo/geo.d.ts build/examples/sqlite/sqlite3.d.ts \
  build/lib/wasmbind-api.d.ts build/lib/wasmbind-module.d.mts

.PHONY: lint lint-c lint-js
lint: lint-c lint-js

lint-c:
	@command -v clang-format >/dev/null 2>&1 || { echo "lint: clang-format is missing (make setup installs it)" >&2; exit 1; }
	clang-format --dry-run --Werror $(LINT_C_FILES)

lint-js: $(LINT_JS_TYPES) | setup
	node node_modules/typescript/bin/tsc -p jsconfig.json
