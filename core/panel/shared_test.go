package panel

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
	"github.com/wiodlab/wiodlab/core/table"
)

func readShared(t *testing.T, name string) *table.Table {
	t.Helper()
	f, err := os.Open(filepath.Join(shared.Dir(t, "panels"), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := table.Read(f, table.ReadOptions{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// TestDescribeShared checks the shape of the two classic panels against their
// documentation: EmplUK (R plm: "an unbalanced panel of 140 observations from
// 1976 to 1984", 1031 rows; Arellano and Bond 1991 use firms with 7 to 9
// years) and Grunfeld (10 firms × 20 years, 1935–1954, balanced).
func TestDescribeShared(t *testing.T) {
	for _, tc := range []struct {
		file, id, time string
		want           Summary
	}{
		{"emplUK.csv", "firm", "year", Summary{Units: 140, Periods: 9, TMin: 1976, TMax: 1984, Obs: 1031, MinT: 7, MaxT: 9, Status: "unbalanced"}},
		{"grunfeld.csv", "firm", "year", Summary{Units: 10, Periods: 20, TMin: 1935, TMax: 1954, Obs: 200, MinT: 20, MaxT: 20, Balanced: true, Status: "strongly balanced"}},
	} {
		idx, err := New(readShared(t, tc.file), tc.id, tc.time)
		if err != nil {
			t.Fatal(err)
		}
		if got := idx.Describe(); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.file, got, tc.want)
		}
	}
}
