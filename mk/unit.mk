# C unit tests of the generator's stages, under ASan and UBSan.
UNIT_SRCS := $(wildcard tests/unit/*.c)
build/unit-tests: $(UNIT_SRCS) $(SRCS) $(HDRS) $(GEN_SRCS)
	@mkdir -p build
	$(CC) $(WARN) -O1 -g $(SANITIZE) -Isrc -o $@ $(UNIT_SRCS) $(SRCS) $(GEN_SRCS)
TEST_PREREQS += build/unit-tests
