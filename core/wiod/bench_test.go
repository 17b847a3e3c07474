package wiod

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
	"github.com/wiodlab/wiodlab/core/table"
)

// world2464 writes a WIOD 2016-shaped world table (44 regions × 56
// industries = 2464 sectors, five final-use categories per region) with
// random values (fixed seed, 15 significant digits) into memory.
func world2464(b *testing.B) []byte {
	b.Helper()
	countries := make([]string, 44)
	for i := range countries {
		countries[i] = string([]byte{'A' + byte(i/26), 'A' + byte(i%26), 'X'})
	}
	countries[43] = "ROW"
	w := randomWorld(2016, countries, 56)
	// Values with 15 significant digits, as R's write.csv writes the WIOD
	// 2016 tables (e.g. 31104.5865543132).
	raw := w.Z.RawMatrix().Data
	for i, v := range raw {
		raw[i], _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	}
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

// reportMemory runs f once more and reports, relative to the numeric size
// 8·N² of Z, the bytes it allocated in all (an upper bound of its peak
// memory) and the bytes still live after a collection while its result is
// held (the table itself).
func reportMemory(b *testing.B, n int, f func() any) {
	b.Helper()
	runtime.GC()
	runtime.GC()
	var m0, m1, m2 runtime.MemStats
	runtime.ReadMemStats(&m0)
	keep := f()
	runtime.ReadMemStats(&m1)
	runtime.GC()
	runtime.ReadMemStats(&m2)
	runtime.KeepAlive(keep)
	num := float64(8 * n * n)
	b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/num, "alloc/Zsize")
	b.ReportMetric(float64(int64(m2.HeapAlloc)-int64(m0.HeapAlloc))/num, "live/Zsize")
}

func BenchmarkReadWorld2464(b *testing.B) {
	data := world2464(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadWorld(bytes.NewReader(data), "w2464.csv"); err != nil {
			b.Fatal(err)
		}
	}
	reportMemory(b, 2464, func() any {
		w, err := ReadWorld(bytes.NewReader(data), "w2464.csv")
		if err != nil {
			b.Fatal(err)
		}
		return w
	})
	runtime.KeepAlive(data)
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
	for b.Loop() {
		if _, err := ReadWorld(bytes.NewReader(data), "wiot_2011.csv.gz"); err != nil {
			b.Fatal(err)
		}
	}
	reportMemory(b, 1435, func() any {
		w, err := ReadWorld(bytes.NewReader(data), "wiot_2011.csv.gz")
		if err != nil {
			b.Fatal(err)
		}
		return w
	})
	runtime.KeepAlive(data)
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
