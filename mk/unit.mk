# C unit tests of the generator's stages, under ASan and UBSan.
UNIT_SRCS := $(wildcard tests/unit/*.c)
build/unit-tests: $(call objs,asan,$(UNIT_SRCS) $(LIB_SRCS)) $(HDRS) tests/unit/unit.h
	$(CC) -O1 -g $(SANITIZE) -o $@ $(filter %.o,$^)
TEST_PREREQS += build/unit-tests
CHECK_PREREQS += build/unit-tests
