# relgraph: relationship CSV files to network diagrams.
# `make run` installs what is missing, builds, and renders graphs/ into out/;
# `make check` does the same set-up, then runs every test.

CC ?= cc
PREFIX ?= /usr/local
DESTDIR ?=
CFLAGS ?= -O2 -g
WARNINGS = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings
# Evaluated when a recipe runs, so after `deps` has installed Graphviz.
GV_CFLAGS = $(shell pkg-config --cflags libgvc libcgraph)
GV_LIBS = $(shell pkg-config --libs libgvc libcgraph)
ALL_CPPFLAGS = -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L $(CPPFLAGS)
ALL_CFLAGS = $(WARNINGS) $(CFLAGS) $(GV_CFLAGS)
LDLIBS += $(GV_LIBS) -lcsv -lm

BUILD = build
BIN = $(BUILD)/relgraph
# The pipeline, in order; main.c is the command around it.
LIB_SRC = src/util.c src/diag.c src/read.c src/model.c src/model_load.c \
	src/transform.c src/stats.c src/theme.c src/build.c src/render.c \
	src/frames.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
LIB = $(BUILD)/librelgraph.a

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

GRAPHS = $(patsubst graphs/%/,%,$(sort $(dir $(wildcard graphs/*/*.csv))))
OUT = out
RUN_FORMATS = svg png pdf

.PHONY: all deps run check unit cli install uninstall clean
.SECONDEXPANSION:

all: $(BIN)

deps:
	@sh scripts/deps.sh

$(BUILD)/%.o: src/%.c $(wildcard include/relgraph/*.h src/*.h) | $(BUILD)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	$(AR) rcs $@ $(LIB_OBJ)

$(BIN): $(BUILD)/main.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/main.o $(LIB) $(LDLIBS)

$(BUILD) $(BUILD)/tests $(OUT):
	mkdir -p $@

# Each graph folder renders in one run of relgraph (one layout, three
# files), again only when one of its CSV files or relgraph changed.
run: deps
	@$(MAKE) --no-print-directory render

.PHONY: render
render: $(GRAPHS:%=$(OUT)/%.svg) docs/images/xi-putin.png docs/images/xi-putin-2022.png

$(OUT)/%.svg: $$(wildcard graphs/%/*.csv) $(BIN) | $(OUT)
	$(BIN) graphs/$* $(RUN_FORMATS:%=-T%) -O --outdir $(OUT)
	@echo "relgraph: graphs/$* -> $(RUN_FORMATS:%=$(OUT)/$*.%)"

# The picture in the README is the example graph as `make run` draws it.
docs/images/%.png docs/images/%.svg: $(OUT)/%.svg
	@mkdir -p docs/images
	cp $(OUT)/$*.png $(OUT)/$*.svg docs/images/

# A frame series of the example, one image a year, nodes held still;
# two of its frames illustrate the README.
$(OUT)/frames/xi-putin-2022.png: $(wildcard graphs/xi-putin/*.csv) $(BIN)
	@mkdir -p $(OUT)/frames
	$(BIN) graphs/xi-putin --frames year -Tpng -Tsvg -O --outdir $(OUT)/frames
	@echo "relgraph: graphs/xi-putin -> $(OUT)/frames/xi-putin-YEAR.png, .svg"

docs/images/xi-putin-2022.png: $(OUT)/frames/xi-putin-2022.png
	@mkdir -p docs/images
	cp $(OUT)/frames/xi-putin-2014.png $(OUT)/frames/xi-putin-2022.png docs/images/

$(BUILD)/tests/%: tests/unit/%.c $(LIB) tests/unit/unit.h | $(BUILD)/tests
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIB) $(LDLIBS) -lcmocka

check: deps
	@$(MAKE) --no-print-directory $(BIN) $(UNIT_BIN)
	@sh tests/run.sh $(BIN) $(UNIT_BIN)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/relgraph
	install -m 644 docs/relgraph.1 $(DESTDIR)$(PREFIX)/share/man/man1/relgraph.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/relgraph $(DESTDIR)$(PREFIX)/share/man/man1/relgraph.1

clean:
	rm -rf $(BUILD) $(OUT)
