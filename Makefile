# paperkg — the two commands a new user needs:
#   make demo   build the graph of the bundled sample corpus and show what it found
#   make test   run the whole test suite (starts a real Neo4j and headless Chromium)
# Each target creates .venv and installs what it needs; nothing is installed by hand.

# The interpreter .venv is made from. Debian's own python3.11 when it is there with its venv module and
# headers: Debian builds it with profile-guided and link-time optimisation, and the extractor runs
# ~13% fewer instructions on it than on a plain source build such as pyenv's (docs/extraction.md §5).
# Otherwise python3 from PATH. Any Python >= 3.10 works: `make PYTHON=python3.12 demo`.
FAST_PYTHON := /usr/bin/python3.11
PYTHON      ?= $(shell $(FAST_PYTHON) -c 'import ensurepip, os, sysconfig, sys; \
                 sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
                 2>/dev/null && echo $(FAST_PYTHON) || echo python3)
VENV        ?= .venv
BIN         := $(VENV)/bin
OUT         ?= out
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help demo compile test test-fast chromium java neo4j-fetch neo4j-start neo4j-stop bench screenshot clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s "$$(printf '\t')"

$(BIN)/.installed: pyproject.toml setup.py kg/_compiled.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,fast]'
	touch $@

compile: $(BIN)/.installed  ## recompile the extractor's modules after editing them (until then they run as Python)
	$(BIN)/pip install -q --no-deps -e .

demo: $(BIN)/.installed  ## build the sample corpus graph, print stats and shared benchmarks, write exports and the HTML view
	@mkdir -p $(OUT)
	$(BIN)/paperkg build examples/daily_papers_listing.txt examples/hf_daily_papers/ --graph $(OUT)/sample.graph.json
	$(BIN)/paperkg stats --graph $(OUT)/sample.graph.json
	$(BIN)/paperkg query shared-benchmarks --graph $(OUT)/sample.graph.json
	$(BIN)/paperkg query top Method --limit 10 --graph $(OUT)/sample.graph.json
	$(BIN)/paperkg export graphml $(OUT)/sample.graphml --graph $(OUT)/sample.graph.json
	$(BIN)/paperkg export cypher $(OUT)/sample.cypher --graph $(OUT)/sample.graph.json
	$(BIN)/paperkg view --graph $(OUT)/sample.graph.json -o $(OUT)/sample.html
	@echo "Open $(OUT)/sample.html in a browser."

chromium:  ## install Debian's chromium and chromedriver (for the browser tests)
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  ( $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver )

java:  ## install Java 17 and Maven if missing (Neo4j runs on them)
	@command -v java >/dev/null && command -v mvn >/dev/null || \
	  ( $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq openjdk-17-jre-headless maven )

neo4j-fetch: $(BIN)/.installed java  ## fetch Neo4j 5.26 Community, Browser and cypher-shell jars from Maven Central (cached in .cache/)
	$(BIN)/paperkg neo4j fetch

neo4j-start: neo4j-fetch  ## start a local Neo4j (auth on; password from NEO4J_PASSWORD, else prompted)
	$(BIN)/paperkg neo4j start

neo4j-stop: $(BIN)/.installed  ## stop the local Neo4j
	$(BIN)/paperkg neo4j stop

test: $(BIN)/.installed chromium neo4j-fetch  ## run the whole test suite
	$(BIN)/python -m pytest -ra

test-fast: $(BIN)/.installed  ## the tests that need no Neo4j and no browser
	$(BIN)/python -m pytest -ra -m "not neo4j and not browser"

screenshot: $(BIN)/.installed chromium  ## regenerate docs/graph-view.png (the HTML view shown in the README)
	$(BIN)/python -m kg.visualizations.screenshot

bench: $(BIN)/.installed chromium neo4j-fetch  ## run every benchmark script (prints figures; ~30 minutes)
	for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:  ## remove generated files (keeps .venv and the Neo4j cache)
	rm -rf $(OUT) build dist *.egg-info .pytest_cache test-artifacts
