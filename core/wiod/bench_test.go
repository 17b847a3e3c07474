package wiod

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
	"github.com/wiodlab/wiodlab/core/table"
)

// world2464 writes a WIOD 2016-shaped world table (44 regions × 56
// industries = 2464 sectors, five final-use categories per region) with
// random values (fixed seed) into memory.
func world2464(b *testing.B) []byte {
	b.Helper()
	countries := make([]string, 44)
	for i := range countries {
		countries[i] = string([]byte{'A' + byte(i/26), 'A' + byte(i%26), 'X'})
	}
	countries[43] = "ROW"
	w := randomWorld(2016, countries, 56)
	fd := make([][]float64, w.N())
	for i := range fd {
		fd[i] = make([]float64, 5*len(countries))
		for k := range fd[i] {
			fd[i][k] = float64((i*7+k*13)%1000) / 4
		}
	}
	var buf bytes.Buffer
	if err := WriteWorld(&buf, w, fd...); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// peakHeap runs f once and reports the growth of the live heap it leaves
// plus what it allocated, relative to the numeric size 8·N² of Z.
func reportMemory(b *testing.B, n int, f func()) {
	b.Helper()
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	f()
	runtime.ReadMemStats(&m1)
	num := float64(8 * n * n)
	b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/num, "alloc/Zsize")
}

func BenchmarkReadWorld2464(b *testing.B) {
	data := world2464(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	reportMemory(b, 2464, func() {
		if _, err := ReadWorld(bytes.NewReader(data), "w2464.csv"); err != nil {
			b.Fatal(err)
		}
	})
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadWorld(bytes.NewReader(data), "w2464.csv"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadTableWorld2464 is the generic path the browser import uses:
// table.Read, then FromTable.
func BenchmarkReadTableWorld2464(b *testing.B) {
	data := world2464(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		tb, err := table.Read(bytes.NewReader(data), table.ReadOptions{Name: "w2464.csv"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := FromTable(tb); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadWorldReal2011(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(shared.Dir(b, "wiod2013"), "wiot_2011.csv.gz"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	reportMemory(b, 1435, func() {
		if _, err := ReadWorld(bytes.NewReader(data), "wiot_2011.csv.gz"); err != nil {
			b.Fatal(err)
		}
	})
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadWorld(bytes.NewReader(data), "wiot_2011.csv.gz"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteWorld2464(b *testing.B) {
	data := world2464(b)
	w, err := ReadWorld(bytes.NewReader(data), "w2464.csv")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := WriteWorld(io.Discard, w); err != nil {
			b.Fatal(err)
		}
	}
}
