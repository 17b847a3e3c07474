#!/usr/bin/env bash
# make bench: benchmarks natively and as wasm under Node, in one run so that
# ratios are comparable (these machines are shared and noisy). Not part of
# make test. BENCH=regexp narrows the Go benchmarks; BENCHTIME sets -benchtime.
set -euo pipefail
cd "$(dirname "$0")/.."
GOROOT=$(go env GOROOT)
EXEC="$GOROOT/lib/wasm/go_js_wasm_exec"
BENCH=${BENCH:-.}
BENCHTIME=${BENCHTIME:-1x}
PKGS=${PKGS:-./core/...}
OUT=${OUT:-bench-results}
mkdir -p "$OUT"

echo "== Go benchmarks, native ($PKGS, -benchtime $BENCHTIME)"
go test -run '^$' -bench "$BENCH" -benchtime "$BENCHTIME" -benchmem $PKGS | tee "$OUT/native.txt"

echo "== Go benchmarks, wasm under Node"
GOOS=js GOARCH=wasm go test -run '^$' -bench "$BENCH" -benchtime "$BENCHTIME" -benchmem \
	-exec="$EXEC" $PKGS | tee "$OUT/wasm.txt"

echo "== CLI: replicate --demo, native and wasm (same code path as the browser)"
go build -o "$OUT/wiodlab" ./cmd/wiodlab
GOOS=js GOARCH=wasm go build -o "$OUT/wiodlab.wasm" ./cmd/wiodlab
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v a="$s" -v b="$e" 'BEGIN{printf "%.2f", b-a}'; }
for size in small full; do
	n=$(t "$OUT/wiodlab" replicate --demo --size $size --json)
	echo "replicate --demo --size $size native: ${n}s"
	if [ "$size" = small ] || [ -n "${BENCH_WASM_FULL:-}" ]; then
		w=$(t "$EXEC" "$OUT/wiodlab.wasm" replicate --demo --size $size --json)
		echo "replicate --demo --size $size wasm:   ${w}s (wasm/native $(awk -v a="$w" -v b="$n" 'BEGIN{printf "%.1f", a/b}'))"
	fi
done | tee "$OUT/cli.txt"

if command -v Rscript >/dev/null && [ -f scripts/bench_reference.sh ]; then
	echo "== reference implementations (R / statsmodels) on the same machine"
	bash scripts/bench_reference.sh | tee "$OUT/reference.txt"
fi
echo "results in $OUT/"
