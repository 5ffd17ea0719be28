# relgraph: relationship CSV files to network diagrams.
# `make run` installs what is missing, builds, and renders graphs/ into out/;
# `make check` does the same set-up, then runs every test.

CC ?= cc
PREFIX ?= /usr/local
DESTDIR ?=
CFLAGS ?= -O2 -g
WARNINGS = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings
# Evaluated when a recipe runs, so after `deps` has installed Graphviz
# and igraph.
GV_CFLAGS = $(shell pkg-config --cflags libgvc libcgraph)
GV_LIBS = $(shell pkg-config --libs libgvc libcgraph)
IGRAPH_CFLAGS = $(shell pkg-config --cflags igraph)
# fontconfig (a Graphviz dependency): which characters the fonts draw
FC_CFLAGS = $(shell pkg-config --cflags fontconfig)
FC_LIBS = $(shell pkg-config --libs fontconfig)
# the animated GIF of a series (src/gif.c): giflib writes it, libpng reads
# back the frames Graphviz renders
PNG_CFLAGS = $(shell pkg-config --cflags libpng)
PNG_LIBS = $(shell pkg-config --libs libpng)
ALL_CPPFLAGS = -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L $(CPPFLAGS)
ALL_CFLAGS = $(WARNINGS) $(CFLAGS) -pthread $(GV_CFLAGS) $(IGRAPH_CFLAGS) $(PNG_CFLAGS) $(FC_CFLAGS)
# igraph is not linked: measures.c loads it (dlopen) when a graph is
# first measured, so that a run that measures nothing does not pay for
# loading it and the libraries it brings (test_measures links it, to
# look at igraph's state itself: dlopen then finds it loaded)
IGRAPH_LIBS = $(shell pkg-config --libs igraph)
LDLIBS += $(GV_LIBS) $(FC_LIBS) -lcsv -lgif $(PNG_LIBS) -lm -ldl -pthread

BUILD = build
BIN = $(BUILD)/relgraph
# The library: the pipeline in order, then what runs it (frames, the job).
LIB_SRC = src/util.c src/diag.c src/suggest.c src/read.c src/model.c src/model_load.c src/mapping.c src/json.c \
	src/transform.c src/stats.c src/measures.c src/theme.c src/build.c src/label.c src/legend.c src/sides.c \
	src/emphasis.c src/layout.c src/layout_memory.c src/memory.c src/html.c src/render.c \
	src/gif.c src/frames.c src/glyphs.c src/pipeline.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
LIB = $(BUILD)/librelgraph.a
# The command around it (src/cli/): main.c speaks to the user; the rest
# is the command's own (options, output names, watch and its server).
CLI_SRC = src/cli/options.c src/cli/outputs.c src/cli/watch.c src/cli/serve.c
CLI_OBJ = $(CLI_SRC:src/%.c=$(BUILD)/%.o)
CLI_LIB = $(BUILD)/librelgraph-cli.a

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

GRAPHS = $(patsubst graphs/%/,%,$(sort $(dir $(wildcard graphs/*/*.csv))))
OUT = out
RUN_FORMATS = svg png pdf

.PHONY: all deps run check test install uninstall clean \
	check-full check-asan check-valgrind fuzz quality stability
.SECONDEXPANSION:

all: $(BIN)

deps:
	@sh scripts/deps.sh

HEADERS = include/relgraph.h $(wildcard include/relgraph/*.h src/*.h src/cli/*.h)
$(BUILD)/%.o: src/%.c $(HEADERS) | $(BUILD) $(BUILD)/cli
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The page of -Thtml and --serve: its CSS and JavaScript are files of their
# own, which scripts/embed.sh turns into $(BUILD)/assets.h for html.c.
ASSETS = src/assets/page.css src/assets/page.js src/assets/frames.css src/assets/frames.js

$(BUILD)/assets.h: $(ASSETS) scripts/embed.sh | $(BUILD)
	sh scripts/embed.sh $@ $(ASSETS)

$(BUILD)/html.o: $(BUILD)/assets.h
$(BUILD)/html.o: ALL_CPPFLAGS += -I$(BUILD)

$(LIB): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(CLI_LIB): $(CLI_OBJ)
	rm -f $@
	$(AR) rcs $@ $(CLI_OBJ)

$(BIN): $(BUILD)/cli/main.o $(CLI_LIB) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/cli/main.o $(CLI_LIB) $(LIB) $(LDLIBS)

$(BUILD) $(BUILD)/cli $(BUILD)/tests $(OUT):
	mkdir -p $@

# Each graph folder renders in one run of relgraph (one layout, three
# files), again only when one of its CSV files, the folder (a file added
# or deleted) or relgraph changed; `make -j run` draws them in parallel.
run: deps
	@$(MAKE) --no-print-directory render

.PHONY: render
render: $(GRAPHS:%=$(OUT)/%.svg) docs/images/xi-putin.png docs/images/xi-putin-2022.png \
	docs/images/xi-putin@2x.png docs/images/xi-putin.html docs/images/xi-putin-frames.gif

$(OUT)/%.svg: $$(wildcard graphs/%/*.csv) graphs/% $(BIN) | $(OUT)
	$(BIN) graphs/$* $(RUN_FORMATS:%=-T%) -O --outdir $(OUT)
	@echo "relgraph: graphs/$* -> $(RUN_FORMATS:%=$(OUT)/$*.%)"

# The picture in the README and in docs/example.md and docs/example.html
# is the example graph as `make run` draws it; the page also offers it
# twice as sharp for high-density screens, and as an interactive page
# (drawn afresh: no layout memory beside them in docs/images).
docs/images/%.png docs/images/%.svg: $(OUT)/%.svg
	@mkdir -p docs/images
	cp $(OUT)/$*.png $(OUT)/$*.svg docs/images/

docs/images/%@2x.png: $$(wildcard graphs/%/*.csv) graphs/% $(BIN)
	@mkdir -p docs/images
	$(BIN) graphs/$* --scale 2 --no-memory -o $@

docs/images/%.html: $$(wildcard graphs/%/*.csv) graphs/% $(BIN)
	@mkdir -p docs/images
	$(BIN) graphs/$* -Thtml --no-memory -o $@

# A frame series of the example, one image a year, nodes held still;
# two of its frames illustrate the README.
$(OUT)/frames/xi-putin-2022.png: $(wildcard graphs/xi-putin/*.csv) graphs/xi-putin $(BIN)
	@mkdir -p $(OUT)/frames
	$(BIN) graphs/xi-putin --frames year -Tpng -Tsvg -O --outdir $(OUT)/frames
	@echo "relgraph: graphs/xi-putin -> $(OUT)/frames/xi-putin-YEAR.png, .svg"

docs/images/xi-putin-2022.png: $(OUT)/frames/xi-putin-2022.png
	@mkdir -p docs/images
	cp $(OUT)/frames/xi-putin-2014.png $(OUT)/frames/xi-putin-2022.png docs/images/

# The same series as one animated GIF, for slides.
docs/images/xi-putin-frames.gif: $(wildcard graphs/xi-putin/*.csv) graphs/xi-putin $(BIN)
	@mkdir -p docs/images
	$(BIN) graphs/xi-putin --frames year --delay 1.2 -o $@

$(BUILD)/tests/%: tests/unit/%.c $(CLI_LIB) $(LIB) tests/unit/unit.h | $(BUILD)/tests
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(CLI_LIB) $(LIB) $(LDLIBS) -lcmocka

$(BUILD)/tests/test_measures: LDLIBS += $(IGRAPH_LIBS)

check: deps
	@$(MAKE) --no-print-directory test

# The suite against whatever BUILD holds (check-asan points it elsewhere).
test: $(BIN) $(UNIT_BIN) $(BUILD)/tests/csvdump $(BUILD)/embed
	@CSVDUMP=$(BUILD)/tests/csvdump sh tests/run.sh $(BIN) $(UNIT_BIN)

$(BUILD)/tests/csvdump: tests/conformance/csvdump.c $(LIB) | $(BUILD)/tests
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# --- the longer checks: sanitizers, valgrind, fuzzing (`make check-full`)

SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined

# Every test with AddressSanitizer, UBSan and LeakSanitizer in relgraph and
# its unit tests; tests/lsan.supp names the leaks that are Graphviz's own.
check-asan: deps
	@ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	HOSTILE_MEMORY_KB=unlimited HOSTILE_SECONDS=600 \
	$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="$(SAN_FLAGS)" \
		LDFLAGS="$(SAN_FLAGS)" test

# The command-line tests with relgraph run under valgrind; a leak or a
# memory error is exit 99, which no test expects.  None is left out, the
# browser tests neither (Chromium runs as it is, relgraph under valgrind):
# tests/run.sh runs them side by side, one per processor (JOBS=N to
# change).
VALGRIND = valgrind -q --num-callers=50 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--error-exitcode=99 --suppressions=$(CURDIR)/tests/valgrind.supp
check-valgrind: deps
	@$(MAKE) --no-print-directory $(BIN)
	@printf '#!/bin/sh\nexec %s %s "$$@"\n' '$(VALGRIND)' '$(CURDIR)/$(BIN)' \
		>$(BUILD)/relgraph-valgrind
	@chmod +x $(BUILD)/relgraph-valgrind
	@HOSTILE_MEMORY_KB=unlimited HOSTILE_SECONDS=900 sh tests/run.sh $(BUILD)/relgraph-valgrind

# libFuzzer targets for the reader and model, for the whole pipeline
# up to canonical DOT, and for the column mappings (JSON, metadata files,
# --map); seeds come from tests/, graphs/ and docs/mappings/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = fuzz_read fuzz_pipeline fuzz_mapping
FUZZ_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined
fuzz: deps
	@EXTRA_PACKAGES="clang libclang-rt-14-dev" sh scripts/deps.sh
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang CFLAGS="$(FUZZ_CFLAGS)" \
		build/fuzz/librelgraph.a
	@for t in $(FUZZ_TARGETS); do \
		clang $(ALL_CPPFLAGS) $(WARNINGS) -O1 -g \
			-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
			$$(pkg-config --cflags libgvc) \
			-o build/fuzz/$$t fuzz/$$t.c build/fuzz/librelgraph.a $(LDLIBS) || exit 1; \
	done
	@sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# How the default pictures come out, measured (by hand, not part of check):
# scripts/quality.sh draws the examples, the shared real data sets
# (REALDATA, default ../shared/realdata) and generated shapes, and writes
# docs/QUALITY.md and docs/images/quality-sheet.png; a minute or two.
quality: deps
	@EXTRA_PACKAGES="python3-pil" sh scripts/deps.sh
	@$(MAKE) --no-print-directory $(BIN)
	@sh scripts/quality.sh $(BIN)

# How far a one-row edit moves a drawing, afresh and from its layout
# memory (by hand, not part of check): scripts/stability.sh edits the
# examples and the shared real data sets (REALDATA) in a temporary folder
# and writes bench/STABILITY.md; about a minute.
stability: deps
	@EXTRA_PACKAGES="python3-pil" sh scripts/deps.sh
	@$(MAKE) --no-print-directory $(BIN)
	@sh scripts/stability.sh $(BIN) >bench/STABILITY.md.tmp
	@mv bench/STABILITY.md.tmp bench/STABILITY.md
	@cat bench/STABILITY.md

# The longer checks, each with its own "N passed, N failed" line; the plain
# suite is `make check`, which CI runs first (.ci/run, which ends with the
# sum of all these lines).
check-full: fuzz check-asan check-valgrind

# The command, its man page, and the library: librelgraph.a, relgraph.h
# with the stage headers under relgraph/, and relgraph.pc for pkg-config.
PUBLIC_HEADERS = $(wildcard include/relgraph/*.h)
install: $(BIN) $(LIB)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include/relgraph
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/relgraph
	install -m 644 docs/relgraph.1 $(DESTDIR)$(PREFIX)/share/man/man1/relgraph.1
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/librelgraph.a
	install -m 644 include/relgraph.h $(DESTDIR)$(PREFIX)/include/relgraph.h
	install -m 644 $(PUBLIC_HEADERS) $(DESTDIR)$(PREFIX)/include/relgraph/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e "s|@VERSION@|$$(sed -n 's/^#define RELGRAPH_VERSION "\(.*\)"/\1/p' include/relgraph.h)|" \
		relgraph.pc.in >$(DESTDIR)$(PREFIX)/lib/pkgconfig/relgraph.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/relgraph $(DESTDIR)$(PREFIX)/share/man/man1/relgraph.1 \
		$(DESTDIR)$(PREFIX)/lib/librelgraph.a $(DESTDIR)$(PREFIX)/include/relgraph.h \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig/relgraph.pc
	rm -rf $(DESTDIR)$(PREFIX)/include/relgraph

# examples/embed.c built as a user would: against an installation (into
# $(BUILD)/prefix) through pkg-config alone; tests/cli/embed.sh runs it.
$(BUILD)/embed: examples/embed.c $(LIB) $(PUBLIC_HEADERS) include/relgraph.h relgraph.pc.in
	@$(MAKE) --no-print-directory install PREFIX=$(CURDIR)/$(BUILD)/prefix DESTDIR= >/dev/null
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ examples/embed.c \
		$$(PKG_CONFIG_PATH=$(CURDIR)/$(BUILD)/prefix/lib/pkgconfig pkg-config --cflags --libs relgraph)

clean:
	rm -rf $(BUILD) $(OUT)
include bench/bench.mk
