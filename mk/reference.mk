# Reference tests: tests/reference/NAME.h beside its expected NAME.json (the
# IR, `wasmbind ir`; tests/reference.test.mjs compares) and NAME.js and
# NAME.d.ts (`wasmbind gen`; tests/reference/generated.test.mjs compares,
# checks every .d.ts with tsc --strict and imports every .js).
# `make bless` rewrites the expected files from build/wasmbind (CI never
# blesses). A header may name extra command line options in a comment:
#   /* wasmbind-args: -I include -D FOO=1 */
REFERENCE_HEADERS := $(wildcard tests/reference/*.h)

bless: build/wasmbind
	@for h in $(REFERENCE_HEADERS); do \
	  args=$$(sed -n 's/.*wasmbind-args: *\(.*[^ ]\) *\*\/.*/\1/p' $$h | head -n 1); \
	  echo "bless: $${h%.h}.json $${h%.h}.js $${h%.h}.d.ts"; \
	  build/wasmbind ir $$h $$args > $${h%.h}.json.tmp || { rm -f $${h%.h}.json.tmp; exit 1; }; \
	  mv $${h%.h}.json.tmp $${h%.h}.json; \
	  build/wasmbind gen $$h $$args -o $${h%.h}.js 2>/dev/null || exit 1; \
	done

TEST_PREREQS += build/wasmbind
CHECK_PREREQS += build/wasmbind
