# Silkgraph: `make run` serves the API on the seed data; `make test` runs every
# test against a real Neo4j. Both start a local Neo4j (no Docker needed) unless
# NEO4J_URI points at one.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO       ?= go
BIN      := bin/silkgraph
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)
NEO4J    := scripts/neo4j-local
# Tests get a Neo4j of their own, so that they never wipe the data `make run` serves.
# TEST_NEO4J_PORT lets several checkouts test side by side on one machine.
export TEST_NEO4J_PORT ?= 7688
TEST_NEO4J := SILKGRAPH_NEO4J_HOME=$(CURDIR)/.neo4j-test NEO4J_LOCAL_PORT=$(TEST_NEO4J_PORT) $(NEO4J)
STATICCHECK := $(GO) run honnef.co/go/tools/cmd/staticcheck
GRAPHIQL := web/graphiql
EXPLORER := web/explorer
GOFILES   = $(shell find . -name '*.go' -not -path '*/node_modules/*' -not -path './.neo4j*')

# Fuzz targets (package:function) run briefly by `make test`; `make fuzz
# FUZZ_TIME=20000000x` searches longer. Minimizing is capped: on a loaded machine
# it can stall a short run. The default budget is a count of inputs (4 to 12 s
# each here), not a duration: Go 1.26's fuzzer can fail a run that found
# nothing with "context deadline exceeded" when a duration ends
# (go.dev/issue/75804, fixed in Go 1.27), which failed CI once.
FUZZ_TARGETS := internal/seed:FuzzReadYAML internal/seed:FuzzScanJSONL internal/seed:FuzzScanCSV \
	internal/store:FuzzLuceneQuery internal/store:FuzzFilterCypher
FUZZ_TIME ?= 150000x

.PHONY: help run build bench bench-load bench-api soak web browser neo4j-start neo4j-stop test test-web test-go xmllint fuzz check generate-check lint fmt stop clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

run: build ## Start Neo4j if NEO4J_URI is unset, migrate, load seed/, serve on :8080
	@if [ -z "$${NEO4J_URI:-}" ]; then $(NEO4J) start; eval "$$($(NEO4J) env --export)"; fi; \
	LOG_FORMAT=$${LOG_FORMAT:-console} exec $(BIN) serve --migrate --load seed/

build: web ## Build bin/silkgraph (with GraphiQL and the explorer embedded)
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/silkgraph

web: $(GRAPHIQL)/dist/index.html $(EXPLORER)/dist/index.html ## Bundle GraphiQL and the explorer (npm) when their sources changed

$(GRAPHIQL)/dist/index.html: $(GRAPHIQL)/package-lock.json $(wildcard $(GRAPHIQL)/src/*) $(GRAPHIQL)/build.mjs
	cd $(GRAPHIQL) && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

bench: build ## Side by side with @neo4j/graphql and raw Cypher, 10k to 1M relationships (BENCH_SIZES, BENCH_DURATION)
	bench/compare.sh

# The explorer's node_modules also serve its tests (playwright-core), so they
# are installed whenever the lockfile changed, not only to bundle.
$(EXPLORER)/node_modules/.package-lock.json: $(EXPLORER)/package-lock.json
	cd $(EXPLORER) && npm ci --no-audit --no-fund --loglevel=error

$(EXPLORER)/dist/index.html: $(EXPLORER)/node_modules/.package-lock.json $(wildcard $(EXPLORER)/src/*) $(EXPLORER)/build.mjs
	cd $(EXPLORER) && npm run --silent build

# The explorer's browser test drives Debian's Chromium (playwright-core cannot
# download a browser here). SILKGRAPH_SKIP_BROWSER=1 skips the test and this.
browser: ## Install Chromium for the explorer's browser test, when missing
	@if [ "$${SILKGRAPH_SKIP_BROWSER:-}" != 1 ] && ! command -v chromium >/dev/null; then \
	  sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$sudo apt-get update && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	fi

bench-load: build ## Load benchmark: 1M synthetic relationships into a fresh local Neo4j
	bench/load.sh

bench-api: build ## API latency benchmark: GraphQL vs the HTTP floor vs raw Cypher, seed and 1M graphs
	bench/api.sh

soak: ## Soak test: readers and writers for 5 minutes, then no lost writes, flat memory (bench/soak.sh)
	bench/soak.sh

neo4j-start: ## Start the local Neo4j (downloads it once from Maven Central)
	$(NEO4J) start

stop: ## Stop the local Neo4j servers (dev and test)
	$(NEO4J) stop
	$(TEST_NEO4J) stop

test: check test-web test-go fuzz ## Static checks, unit and integration tests against a real Neo4j and in a browser, short fuzz runs

test-web: $(EXPLORER)/node_modules/.package-lock.json ## The explorer's JavaScript unit tests
	cd $(EXPLORER) && npm test --silent

# Without NEO4J_URI the tests find the local test server themselves
# (internal/testenv), and so may stop and restart it (the recovery test).
test-go: web browser xmllint
	@if [ -z "$${NEO4J_URI:-}" ]; then $(TEST_NEO4J) start; fi; \
	$(GO) test -p 1 -count=1 -timeout 20m ./...

# The export tests validate GraphML and GEXF against their XSDs with xmllint.
xmllint:
	@command -v xmllint >/dev/null || { echo "installing xmllint (Debian's libxml2-utils)"; \
	sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); $$sudo apt-get update -qq && $$sudo apt-get install -y -qq libxml2-utils >/dev/null; }

fuzz: ## Fuzz the seed and bulk readers, search strings and filters (FUZZ_TIME each)
	@for target in $(FUZZ_TARGETS); do \
	  $(GO) test -run '^$$' -fuzz "^$${target#*:}$$" -fuzztime $(FUZZ_TIME) -fuzzminimizetime 100x ./$${target%%:*} || exit 1; \
	done

check: generate-check lint ## gofmt, go vet, staticcheck, generated code up to date

generate-check: ## Fail if `go generate` changes the generated GraphQL code
	@before=$$(cat graph/generated.go graph/model/models_gen.go | sha256sum); \
	$(GO) generate ./...; \
	after=$$(cat graph/generated.go graph/model/models_gen.go | sha256sum); \
	if [ "$$before" != "$$after" ]; then echo "generated gqlgen code was stale: it is regenerated now, commit it"; exit 1; fi

lint: ## gofmt, go vet and staticcheck
	@unformatted=$$(gofmt -l $(GOFILES)); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

fmt: ## Format the Go code
	gofmt -w $(GOFILES)

clean: ## Remove build outputs (not the Neo4j caches)
	rm -rf bin $(GRAPHIQL)/dist/*.js $(GRAPHIQL)/dist/*.css $(GRAPHIQL)/dist/index.html
	rm -rf $(EXPLORER)/dist/*.js $(EXPLORER)/dist/*.css $(EXPLORER)/dist/index.html
