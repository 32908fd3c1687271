# Fuzzing the generator with libFuzzer (tests/fuzz/).
#   make fuzz            builds build/fuzz_header (clang, ASan, UBSan, libFuzzer)
#   make fuzz-run        replays tests/fuzz/corpus, then fuzzes for FUZZ_TIME seconds
#   make fuzz-campaign   a long run (FUZZ_TIME=1800) into build/fuzz-corpus
# tests/fuzz/fuzz.test.mjs runs `make fuzz-run` as part of `make test`.
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_FLAGS := -dict=tests/fuzz/c.dict -max_len=4096 -timeout=5 -rss_limit_mb=2048 \
  -print_final_stats=1
.PHONY: fuzz fuzz-run fuzz-campaign fuzz-seeds
fuzz: build/fuzz_header
FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=undefined
build/obj/fuzz/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -fsanitize=fuzzer-no-link $(FUZZ_SANITIZE) -g -O1 -Isrc -MMD -MP -c $< -o $@
build/fuzz_header: $(call objs,fuzz,tests/fuzz/fuzz_header.c $(LIB_SRCS)) $(HDRS)
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SANITIZE) -g -O1 -o $@ $(filter %.o,$^)

# New inputs go to a scratch directory, never into the committed corpus;
# crash-*, timeout-*, oom-* files are written to build/fuzz-artifacts/.
fuzz-run: build/fuzz_header
	@mkdir -p build/fuzz-scratch build/fuzz-artifacts
	./build/fuzz_header $(FUZZ_FLAGS) -artifact_prefix=build/fuzz-artifacts/ \
	  -max_total_time=$(FUZZ_TIME) build/fuzz-scratch tests/fuzz/corpus

fuzz-campaign: build/fuzz_header
	@mkdir -p build/fuzz-corpus build/fuzz-artifacts
	./build/fuzz_header $(FUZZ_FLAGS) -artifact_prefix=build/fuzz-artifacts/ \
	  -max_total_time=$(or $(FUZZ_CAMPAIGN_TIME),1800) build/fuzz-corpus tests/fuzz/corpus

# Rebuilds the committed corpus: seeds cut from real headers, minimized.
fuzz-seeds: build/fuzz_header
	sh tests/fuzz/make_seeds.sh build/fuzz-seeds
	mkdir -p tests/fuzz/corpus
	./build/fuzz_header -merge=1 -max_len=4096 -timeout=5 tests/fuzz/corpus build/fuzz-seeds
TEST_PREREQS += build/fuzz_header
