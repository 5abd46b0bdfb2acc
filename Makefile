# editio: TEI P5 → web edition, EPUB 3 and PDF.  `make` builds every tei/*.xml into dist/NAME/.
# The Makefile only knows file dependencies; the work is done by the editio CLI in .venv/.

PYTHON      ?= python3
VENV        := .venv
EDITIO      := $(VENV)/bin/editio
DIST        := dist
STAMP       := $(VENV)/.editio-installed
DEV_STAMP   := $(VENV)/.editio-dev-installed
BUILD_FLAGS ?= --strict --quiet
# Where the editions will be published (e.g. https://example.org/editions): each edition's
# "How to cite" and "Cite this passage" then give BASE_URL/NAME/ and its permalinks.
BASE_URL    ?=
base_url = $(if $(BASE_URL),--base-url $(patsubst %/,%,$(BASE_URL))/$(1)/)
# Two test processes (the machines this runs on have two cores or more); the golden
# construct tests stay on one of them (they share one build and one browser session).
PYTEST_FLAGS ?= -n 2 --dist loadgroup

# Reproducible by default: outputs carry the date of the last commit unless told otherwise.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

# File names are data, never make or shell syntax: only tei/NAME.xml with NAME of letters,
# digits, '.', '-' and '_' (not first) becomes an edition. Any other name (a space, ';',
# '$', a quote…) would be split by make or run by the shell, so it is named on stderr
# and left out, and the other editions build.
SAFE_TEI := ^tei/[A-Za-z0-9_][A-Za-z0-9._-]*\.xml$$
TEI     := $(sort $(shell find tei -maxdepth 1 -name '*.xml' -print0 2>/dev/null | LC_ALL=C grep -zE '$(SAFE_TEI)' | tr '\0' ' '))
SKIPPED := $(shell find tei -maxdepth 1 -name '*.xml' -print0 2>/dev/null | LC_ALL=C grep -zvE '$(SAFE_TEI)' \
             | LC_ALL=C tr '\n\0' '?\n' | LC_ALL=C tr -c '[:print:]\n' '?' \
             | sed 's/^/make: skipped /; s/$$/: rename it (letters, digits, ".", "-" and "_" only) to build it/' >&2)
NAMES   := $(patsubst tei/%.xml,%,$(TEI))
HTML    := $(foreach n,$(NAMES),$(DIST)/$(n)/index.html)
EPUB    := $(foreach n,$(NAMES),$(DIST)/$(n)/$(n).epub)
PDF     := $(foreach n,$(NAMES),$(DIST)/$(n)/$(n).pdf)

# What each format is made from, besides the TEI: the Python that writes it and its styles.
CORE    := $(wildcard src/editio/*.py src/editio/source/*.py src/editio/hub/*.py src/editio/writers/__init__.py) \
           $(wildcard styles/*.xsl styles/*.xml styles/constructs/*/*.xsl tei/schema/*.rng tei/schema/*.sch)
# A medium's CSS: styles/media/base.css and MEDIUM.css, then each construct's base.css and MEDIUM.css.
CSS_BASE := $(wildcard styles/media/base.css styles/constructs/*/base.css)
# The web edition also publishes its TEI (writers/tei.py) and carries the search (styles/js/).
HTML_IN := $(CORE) $(CSS_BASE) $(wildcard src/editio/writers/web.py src/editio/writers/tei.py styles/media/screen.css \
           styles/constructs/*/screen.css styles/js/*.js styles/js/vendor/*.js)
# The catalogue of dist/ (editio site) reads every edition's page and lists its files.
SITE    := $(DIST)/index.html
SITE_IN := $(CORE) $(wildcard src/editio/writers/web.py styles/site/*.css styles/media/screen.css \
           styles/constructs/search/screen.css styles/js/*.js styles/js/vendor/*.js)
EPUB_IN := $(CORE) $(CSS_BASE) $(wildcard src/editio/writers/epub/*.py styles/media/epub.css styles/constructs/*/epub.css)
PDF_IN  := $(CORE) $(CSS_BASE) $(wildcard src/editio/writers/pdf/*.py styles/media/print.css styles/constructs/*/print.css styles/hyphenation/*.dic)

.PHONY: all html epub pdf site validate test test-fast corpus-check bench exports clean distclean help deps venv
.DELETE_ON_ERROR:

all: $(HTML) $(EPUB) $(PDF) $(SITE) ## build every edition (web, EPUB, PDF) into dist/NAME/ and the catalogue dist/index.html

html: $(HTML) ## build the web editions: dist/NAME/index.html
epub: $(EPUB) ## build the EPUB 3 editions: dist/NAME/NAME.epub
pdf: $(PDF)   ## build the PDF editions: dist/NAME/NAME.pdf
site: $(SITE) ## build every edition, then the searchable catalogue of them all: dist/index.html

$(DIST)/%/index.html: tei/%.xml $(HTML_IN) | $(STAMP)
	$(EDITIO) build $< --format html --out $(DIST) $(BUILD_FLAGS) $(call base_url,$*)

# dist/NAME/NAME.epub and .pdf: the stem is NAME/NAME, so the TEI is found by $(notdir).
.SECONDEXPANSION:
$(EPUB): $(DIST)/%.epub: tei/$$(notdir $$*).xml $(EPUB_IN) | $(STAMP)
	$(EDITIO) build $< --format epub --out $(DIST) $(BUILD_FLAGS) $(call base_url,$(notdir $*))

$(PDF): $(DIST)/%.pdf: tei/$$(notdir $$*).xml $(PDF_IN) | $(STAMP)
	$(EDITIO) build $< --format pdf --out $(DIST) $(BUILD_FLAGS) $(call base_url,$(notdir $*))

# After every edition: the catalogue lists the files each one has.
$(SITE): $(HTML) $(EPUB) $(PDF) $(SITE_IN) | $(STAMP)
	$(EDITIO) site $(DIST) --quiet

validate: | $(STAMP) ## check every tei/*.xml (well-formed, schema, rules); exit 1 on any error
	$(EDITIO) validate $(TEI)

exports: all ## DOCX, ODT, Markdown, reusable TEI and citations.json of every edition
	$(EDITIO) build $(TEI) --format docx,odt,md,tei,citations --out $(DIST) $(BUILD_FLAGS)

test: $(DEV_STAMP) ## install the test checkers, then run the whole test suite
	bash tests/tools/install.sh
	$(VENV)/bin/python -m pytest $(PYTEST_FLAGS)

test-fast: $(DEV_STAMP) ## unit and golden construct tests only (about a minute)
	bash tests/tools/install.sh
	$(VENV)/bin/python -m pytest -m "not oracle and not slow" $(PYTEST_FLAGS) tests/test_golden.py tests/test_layout.py tests/test_hub.py tests/test_validate.py tests/test_cli.py tests/test_new.py tests/test_diagnostics.py tests/test_build_faults.py tests/test_typography.py tests/test_search.py tests/test_serve.py tests/test_math.py

corpus-check: $(DEV_STAMP) ## build and check every TEI of CORPUS (default: the 99 ELTeC novels); table in build/corpus/
	bash tests/tools/install.sh
	$(VENV)/bin/python tests/corpus/run.py $(if $(CORPUS),--corpus $(CORPUS)) $(CORPUS_FLAGS)

bench: $(DEV_STAMP) ## time every stage against the reference tools; table + tests/bench/results/latest.json
	$(VENV)/bin/python tests/bench/run.py $(BENCH_FLAGS)

# The typefaces' packages, read from src/editio/fonts.py (each Family names its package):
# make runs before the virtual environment exists, so it cannot ask Python. Read only when
# `make deps` runs, from beside this Makefile (a corpus elsewhere may run `make -f`).
MAKEFILE_DIR := $(dir $(abspath $(firstword $(MAKEFILE_LIST))))
FONT_PACKAGES = $(sort $(shell sed -n 's/.*"\(fonts-[a-z0-9-]*\)".*/\1/p' $(MAKEFILE_DIR)src/editio/fonts.py))

deps: ## install the Debian packages editio needs (Pango and HarfBuzz for WeasyPrint, the OFL typefaces), if missing
	@missing=""; for p in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 $(FONT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; fi

venv: $(STAMP) ## create .venv/ and install editio into it (editable)

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory deps
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e .
	$(VENV)/bin/python -m compileall -q --invalidation-mode timestamp src
	touch $@

$(DEV_STAMP): $(STAMP)
	$(VENV)/bin/pip install --quiet -e '.[dev,cluster]'
	touch $@

clean: ## remove dist/ (the built editions)
	rm -rf $(DIST)

distclean: clean ## also remove .venv/ and the downloaded test tools
	rm -rf $(VENV) tests/.tools tests/tools/node_modules

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 18
