# wiodlab — build, serve, test, benchmark.
#
#   make serve   build the wasm app into site/ and serve it on http://127.0.0.1:8080
#   make test    every test: vet, native Go tests, core tests compiled to wasm under
#                Node, and the browser end-to-end tests (installs what it needs)
#   make bench   benchmarks, natively and as wasm under Node (not part of make test)

GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
ADDR      ?= 127.0.0.1:8080
WASMFLAGS := -trimpath -ldflags="-s -w"

.PHONY: all build site serve test test-native test-wasm test-e2e bench fuzz vet clean cli

all: build site

build:
	$(GO) build ./...

cli:
	$(GO) build -o bin/wiodlab ./cmd/wiodlab

site:
	GOOS=js GOARCH=wasm $(GO) build $(WASMFLAGS) -o site/wiodlab.wasm ./wasm
	cp $(GOROOT)/lib/wasm/wasm_exec.js site/wasm_exec.js
	@# Precompressed copies, served by serve.go when the browser accepts them:
	@# brotli (Chromium asks for br over HTTPS and on localhost) and zopfli's
	@# gzip (4% smaller than gzip -9). Without the tools serve.go gzips.
	@rm -f site/wiodlab.wasm.br site/wiodlab.wasm.gz
	@if command -v zopfli >/dev/null; then zopfli --i1 -c site/wiodlab.wasm > site/wiodlab.wasm.gz; fi
	@# (touch: brotli copies the wasm's time stamp, truncated to the second,
	@# which made the copy look older than the wasm and go unserved.)
	@if command -v brotli >/dev/null; then brotli -f -q 11 -o site/wiodlab.wasm.br site/wiodlab.wasm && touch site/wiodlab.wasm.br; fi
	@ls -l site/wiodlab.wasm* | awk '{print "site: " $$9 " " $$5 " bytes"}'

serve: site
	$(GO) run serve.go -addr $(ADDR)

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...

# Native tests; the input-output kernel also once without its amd64 assembly.
test-native:
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -tags purego ./core/ioa/

# Core and adapter tests compiled to wasm and run under Node; -short keeps the
# heaviest cases to the native run.
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -short -exec="$(WASM_EXEC)" ./core/... ./cmd/... ./wasm/...

test-e2e: site
	bash wasm/e2e/run.sh

test: vet test-native test-wasm test-e2e

bench:
	bash scripts/bench.sh

fuzz:
	bash scripts/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin site/wiodlab.wasm site/wasm_exec.js site/*.br site/*.gz
