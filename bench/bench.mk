# bench/bench.mk: the benchmarks, for the top-level Makefile to include
# (`include bench/bench.mk`); bench/README.md says what they measure.
#
#   make bench            relgraph against its anchors (libcsv scan, naive
#                         cgraph, gvpr + dot, dot, Python, -K dot/sfdp) on
#                         generated and real data: one Markdown table
#   make bench-latency    watch latency: save a CSV file, time the new image
#   make bench-tools      only build the benchmarks' programs into build/bench/
#
# Uses BIN (the relgraph to measure) and CC from the including Makefile.

# Including this must not change which target a bare `make` builds.
bench_saved_goal := $(.DEFAULT_GOAL)

BIN ?= build/relgraph
BENCH_BUILD ?= build/bench
BENCH_CFLAGS = -std=c11 -O2 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings
BENCH_TOOLS = $(BENCH_BUILD)/gen $(BENCH_BUILD)/latency $(BENCH_BUILD)/shapes \
	$(BENCH_BUILD)/scan $(BENCH_BUILD)/cgraph_naive
# What the anchors of `make bench` need beyond relgraph's own dependencies.
BENCH_PACKAGES = graphviz python3-networkx python3-pygraphviz time hyperfine

.PHONY: bench bench-tools bench-latency

bench-tools: $(BENCH_TOOLS)

$(BENCH_BUILD)/%: bench/%.c bench/splitmix.h | $(BENCH_BUILD)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

# The anchors that link libcsv (and cgraph); flags read when the recipe
# runs, after deps.sh has installed them.
$(BENCH_BUILD)/scan: bench/scan.c | $(BENCH_BUILD)
	$(CC) $(BENCH_CFLAGS) -o $@ $< -lcsv

$(BENCH_BUILD)/cgraph_naive: bench/cgraph_naive.c | $(BENCH_BUILD)
	$(CC) $(BENCH_CFLAGS) $$(pkg-config --cflags libcgraph) -o $@ $< \
		$$(pkg-config --libs libcgraph) -lcsv

$(BENCH_BUILD):
	mkdir -p $@

# Installs what is missing first, as `make run` does, then builds.
# RUNS, BUDGET, TIMEOUT, SMALL_RUNS, SEED and REALDATA pass through the
# environment to bench.sh; it fails only when something breaks, never on a
# missed target.
bench:
	@EXTRA_PACKAGES="$(BENCH_PACKAGES)" sh scripts/deps.sh
	@$(MAKE) --no-print-directory $(BIN) $(BENCH_TOOLS) >&2
	@sh bench/bench.sh $(BIN) $(BENCH_BUILD)

# SAVES, TIMEOUT, SEED, BIG and BIG_SAVES pass through the environment to
# latency.sh.
bench-latency: $(BIN) $(BENCH_TOOLS)
	@sh bench/latency.sh $(BIN) $(BENCH_BUILD)

.DEFAULT_GOAL := $(bench_saved_goal)
