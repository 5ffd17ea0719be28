# bench/bench.mk: the benchmarks, for the top-level Makefile to include
# (`include bench/bench.mk`); bench/README.md says what they measure.
#
#   make bench-latency    watch latency: save a CSV file, time the new image
#   make bench-tools      only build gen and latency into build/bench/
#
# Uses BIN (the relgraph to measure) and CC from the including Makefile.

# Including this must not change which target a bare `make` builds.
bench_saved_goal := $(.DEFAULT_GOAL)

BIN ?= build/relgraph
BENCH_BUILD ?= build/bench
BENCH_CFLAGS = -std=c11 -O2 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings
BENCH_TOOLS = $(BENCH_BUILD)/gen $(BENCH_BUILD)/latency

.PHONY: bench-tools bench-latency

bench-tools: $(BENCH_TOOLS)

$(BENCH_BUILD)/%: bench/%.c | $(BENCH_BUILD)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

$(BENCH_BUILD):
	mkdir -p $@

# SAVES, TIMEOUT and SEED pass through the environment to latency.sh.
bench-latency: $(BIN) $(BENCH_TOOLS)
	@sh bench/latency.sh $(BIN) $(BENCH_BUILD)

.DEFAULT_GOAL := $(bench_saved_goal)
