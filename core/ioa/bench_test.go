package ioa

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/wiodlab/wiodlab/core/internal/shared"
	"github.com/wiodlab/wiodlab/core/wiod"
)

// The synthetic benchmark table has the size of a WIOD 2016 world table: 44
// countries × 56 industries = 2464 sectors, dense, column sums of A in
// [0.5, 0.6], 10–30 % of each column's inputs imported (randomMRIO).
func bench2464(b *testing.B) (*wiod.IOTable, *wiod.Classification) {
	b.Helper()
	return randomMRIO(rand.New(rand.NewPCG(2464, 1)), 44, 56, 0.5, 0.6), randomClassification(56)
}

func benchCompute(b *testing.B, tab *wiod.IOTable, c *wiod.Classification, opt Options) {
	b.Helper()
	var res *Result
	cpu0 := cpuSeconds()
	for b.Loop() {
		var err error
		if res, err = Compute(tab, c, opt); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuSeconds(); cpu > 0 {
		b.ReportMetric((cpu-cpu0)/float64(b.N), "cpu-s/op")
	}
	b.ReportMetric(float64(res.Sweeps), "sweeps")
}

// BenchmarkCompute2464 is every indicator of a 2464-sector table with the
// default method (block Gauss–Seidel over the 44 country blocks).
func BenchmarkCompute2464(b *testing.B) {
	tab, c := bench2464(b)
	benchCompute(b, tab, c, Options{})
}

// BenchmarkCompute2464LU is the same with a dense LU (gonum) of I−A: the baseline.
func BenchmarkCompute2464LU(b *testing.B) {
	tab, c := bench2464(b)
	benchCompute(b, tab, c, Options{Method: Direct})
}

func readReal(b *testing.B, file string) []*wiod.IOTable {
	b.Helper()
	f, err := os.Open(filepath.Join(shared.Dir(b, ""), file))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	tabs, err := wiod.Read(f, file, wiod.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return tabs
}

// BenchmarkReal2011 is every indicator of the WIOD 2013 world table of 2011
// (1435 sectors, 41 countries).
func BenchmarkReal2011(b *testing.B) {
	tabs := readReal(b, "wiod2013/wiot_2011.csv.gz")
	c, _ := wiod.Preset("wiod2013")
	benchCompute(b, tabs[0], c, Options{})
}

// BenchmarkReal2011LU is the same with a dense LU of I−A.
func BenchmarkReal2011LU(b *testing.B) {
	tabs := readReal(b, "wiod2013/wiot_2011.csv.gz")
	c, _ := wiod.Preset("wiod2013")
	benchCompute(b, tabs[0], c, Options{Method: Direct})
}

// BenchmarkKernel measures the dot-product kernel on 48 right-hand sides ×
// 56 columns of length 2464 (one block of one sweep); GFMA/s = 10⁹
// multiply-adds a second.
func BenchmarkKernel(b *testing.B) {
	const n, k, m = 2464, 48, 56
	rng := rand.New(rand.NewPCG(1, 2))
	mk := func(rows int) [][]float64 {
		out := make([][]float64, rows)
		for i := range out {
			out[i] = make([]float64, n)
			for j := range out[i] {
				out[i][j] = rng.Float64()
			}
		}
		return out
	}
	ys, fs, out := mk(k), mk(m), make([][]float64, k)
	for i := range out {
		out[i] = make([]float64, m)
	}
	for b.Loop() {
		mulTile(out, ys, fs)
	}
	b.ReportMetric(float64(n*k*m)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFMA/s")
}

// world2464CSV is the synthetic 2464-sector table in the official world
// layout (wiod.WriteWorld) with 5 final-use columns per country (2689 columns
// in all) and values rounded to 3 decimals, as in the WIOD 2016 release.
func world2464CSV(b *testing.B) []byte {
	b.Helper()
	tab, _ := bench2464(b)
	n := tab.N()
	raw := tab.Z.RawMatrix()
	for i := range raw.Data {
		raw.Data[i] = math.Round(raw.Data[i]*1000) / 1000
	}
	fd := make([][]float64, n)
	rng := rand.New(rand.NewPCG(5, 5))
	for i := range fd {
		fd[i] = make([]float64, 44*5)
		for j := range fd[i] {
			fd[i][j] = math.Round(rng.Float64()*1e6) / 1000
		}
	}
	var buf bytes.Buffer
	if err := wiod.WriteWorld(&buf, tab, fd...); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkParseWorld2464 parses the synthetic 2464-sector world table (CSV
// in memory, ~0.1 GB of text): the reading half of `wiodlab io`.
func BenchmarkParseWorld2464(b *testing.B) {
	data := world2464CSV(b)
	b.SetBytes(int64(len(data)))
	cpu0 := cpuSeconds()
	for b.Loop() {
		if _, err := wiod.Read(bytes.NewReader(data), "world2464.csv", wiod.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuSeconds(); cpu > 0 {
		b.ReportMetric((cpu-cpu0)/float64(b.N), "cpu-s/op")
	}
}

// BenchmarkIO2464 is parse + every indicator of the synthetic 2464-sector
// world table: what `wiodlab io --wiot FILE` does after reading the bytes.
func BenchmarkIO2464(b *testing.B) {
	data := world2464CSV(b)
	c := randomClassification(56)
	cpu0 := cpuSeconds()
	for b.Loop() {
		tabs, err := wiod.Read(bytes.NewReader(data), "world2464.csv", wiod.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Compute(tabs[0], c, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuSeconds(); cpu > 0 {
		b.ReportMetric((cpu-cpu0)/float64(b.N), "cpu-s/op")
	}
}

// BenchmarkSetup2464 is the set-up part of Compute2464: checks, the
// transposed off-diagonal part of A and the 44 block inverses.
func BenchmarkSetup2464(b *testing.B) {
	tab, _ := bench2464(b)
	inv, _ := inverseOutput(tab)
	for b.Loop() {
		if _, err := newSystem(tab, inv, tab.Country, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompute616 is every indicator of a table the size of the small
// demo (10 countries + ROW × 56 industries = 616 sectors): what the browser's
// replicate runs 15 times, once a year.
func BenchmarkCompute616(b *testing.B) {
	tab := randomMRIO(rand.New(rand.NewPCG(616, 1)), 11, 56, 0.5, 0.6)
	benchCompute(b, tab, randomClassification(56), Options{})
}

// BenchmarkBlockInverse inverts the 11 domestic 56×56 blocks I − A_dd of the
// 616-sector table, the set-up step of each Gauss–Seidel solve: "gonum" is
// mat.Dense.Inverse (Dgetrf + Dgecon + Dgetri; what newSystem used before),
// "gauss-jordan" invertTransposed (invertBlock with its exact condition
// number, gonum only for near-singular blocks).
func BenchmarkBlockInverse(b *testing.B) {
	tab := randomMRIO(rand.New(rand.NewPCG(616, 1)), 11, 56, 0.5, 0.6)
	inv, _ := inverseOutput(tab)
	const nc, m = 11, 56
	blocks := make([][]float64, nc) // (I − A_dd)ᵀ, row-major
	for c := range blocks {
		blocks[c] = make([]float64, m*m)
		for r := 0; r < m; r++ {
			for q := 0; q < m; q++ {
				i, j := c*m+q, c*m+r
				v := -tab.Z.At(i, j) * inv[j]
				if q == r {
					v++
				}
				blocks[c][r*m+q] = v
			}
		}
	}
	b.Run("gonum", func(b *testing.B) {
		for b.Loop() {
			for _, bl := range blocks {
				var li mat.Dense
				if err := li.Inverse(mat.NewDense(m, m, bl).T()); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("gauss-jordan", func(b *testing.B) {
		dt := make([]float64, m*m)
		piv, others := make([]int, m), make([]int, m)
		for b.Loop() {
			for _, bl := range blocks {
				copy(dt, bl)
				if err := invertTransposed(dt, m, piv, others); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
