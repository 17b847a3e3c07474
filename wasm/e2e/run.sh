#!/usr/bin/env bash
# Browser end-to-end tests of the wiodlab app (issue 7), run by `make test-e2e`.
#
# Installs what it needs on a fresh Debian machine: Chromium (apt) and
# playwright-core + fake-indexeddb (npm ci, from package-lock.json). Builds the
# site if needed, the native CLI and the static server, serves site/ on a free
# loopback port, runs e2e.mjs in headless Chromium, and stops the server.
# Also runs the adapter's Go tests under Node with fake-indexeddb preloaded,
# so that the IndexedDB store is tested outside the browser too.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
E2E=$ROOT/wasm/e2e
GO=${GO:-go}

if ! command -v chromium >/dev/null 2>&1; then
  echo "e2e: installing chromium"
  if ! apt-get install -y chromium; then
    apt-get update && apt-get install -y chromium
  fi
fi
CHROMIUM=$(command -v chromium)

if [ ! -d "$E2E/node_modules/playwright-core" ] || [ ! -d "$E2E/node_modules/fake-indexeddb" ]; then
  echo "e2e: npm ci"
  (cd "$E2E" && npm ci --no-audit --no-fund)
fi

if [ ! -f site/wiodlab.wasm ] || [ ! -f site/wasm_exec.js ]; then
  GOOS=js GOARCH=wasm $GO build -trimpath -ldflags="-s -w" -o site/wiodlab.wasm ./wasm
  cp "$($GO env GOROOT)/lib/wasm/wasm_exec.js" site/wasm_exec.js
fi

TMP=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

echo "e2e: unit tests of the page's modules"
node "$E2E/unit.mjs"

echo "e2e: adapter storage tests under Node with fake-indexeddb"
NODE_OPTIONS="--require $E2E/node_modules/fake-indexeddb/auto/index.js" \
  GOOS=js GOARCH=wasm $GO test -count=1 -short -run 'TablesAPI|IDB' -exec="$($GO env GOROOT)/lib/wasm/go_js_wasm_exec" ./wasm/

$GO build -o "$TMP/wiodlab" ./cmd/wiodlab
$GO build -o "$TMP/serve" serve.go
"$TMP/serve" -addr 127.0.0.1:0 -dir site >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER_PID=$!
URL=
for _ in $(seq 1 100); do # at most 10 s
  URL=$(sed -n 's/^serving .* on \(http:[^ ]*\)$/\1/p' "$TMP/serve.out" | head -n1)
  [ -n "$URL" ] && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$TMP/serve.err"; exit 1; fi
  sleep 0.1
done
if [ -z "$URL" ]; then echo "e2e: server did not start"; cat "$TMP/serve.err"; exit 1; fi
echo "e2e: serving on $URL"

WIODLAB_URL=$URL WIODLAB_CLI=$TMP/wiodlab WIODLAB_TMP=$TMP CHROMIUM=$CHROMIUM \
  timeout 300 node "$E2E/e2e.mjs"
