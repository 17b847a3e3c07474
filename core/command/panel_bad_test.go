package command

import (
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

// demoWith returns the small demo's tables with the SEA and macro tables
// replaced by edited copies.
func demoWith(t *testing.T, editSEA func(country, variable []string) []bool, macro func(*table.Table) *table.Table) Tables {
	t.Helper()
	d := testDemo(t)
	src := Tables{}
	for _, n := range d.TableNames() {
		tb, err := d.Table(n)
		if err != nil {
			t.Fatal(err)
		}
		src[n] = tb
	}
	if editSEA != nil {
		c, _ := d.SEA.Strings("country")
		v, _ := d.SEA.Strings("variable")
		src["demo_sea"] = d.SEA.Filter(editSEA(c, v))
	}
	if macro != nil {
		src["demo_macro"] = macro(d.Macro)
	}
	return src
}

func TestPanelBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the demo panel four times; native run only")
	}
	t.Run("macro duplicate country-year", func(t *testing.T) {
		src := demoWith(t, nil, func(m *table.Table) *table.Table {
			rows := []int{}
			for i := 0; i < m.NRows(); i++ {
				rows = append(rows, i)
			}
			return m.Subset(append(rows, 3)) // row 4 again
		})
		_, err := Panel(Env{Source: src}, PanelOptions{Demo: true, NoTFP: true})
		if err == nil || !strings.Contains(err.Error(), "appears twice (lines 5 and") {
			t.Fatalf("error %v, want a duplicate country-year naming lines", err)
		}
	})
	t.Run("currency without exchange rate", func(t *testing.T) {
		src := demoWith(t, func(c, v []string) []bool {
			keep := make([]bool, len(c))
			for i := range keep {
				keep[i] = !(c[i] == "BRA" && v[i] == "NOMEXCH")
			}
			return keep
		}, nil)
		res, err := Panel(Env{Source: src}, PanelOptions{Demo: true, NoTFP: true})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(res.Notes, "\n"), "no 2010 exchange rate (NOMEXCH) for BRA") {
			t.Errorf("notes %q lack the missing exchange rate", res.Notes)
		}
		if want := 18 * 15; res.Missing["scale"] != want || res.Missing["Allocation"] != want {
			t.Errorf("missing scale %d, Allocation %d; want %d each (Brazil's rows)", res.Missing["scale"], res.Missing["Allocation"], want)
		}
		if res.Missing["Var"] != 0 {
			t.Errorf("Var needs no exchange rate, yet %d are missing", res.Missing["Var"])
		}
	})
	t.Run("SEA lacks a country", func(t *testing.T) {
		src := demoWith(t, func(c, v []string) []bool {
			keep := make([]bool, len(c))
			for i := range keep {
				keep[i] = c[i] != "KOR"
			}
			return keep
		}, nil)
		res, err := Panel(Env{Source: src}, PanelOptions{Demo: true, NoTFP: true})
		if err != nil {
			t.Fatal(err)
		}
		if want := 9 * 18 * 15; res.NRows != want {
			t.Errorf("%d rows, want %d (the intersection)", res.NRows, want)
		}
		if !strings.Contains(strings.Join(res.Notes, "\n"), "have no SEA gross output and are left out (e.g. KOR") {
			t.Errorf("notes %q do not report the mismatch", res.Notes)
		}
	})
	t.Run("no SEA at all", func(t *testing.T) {
		src := demoWith(t, func(c, v []string) []bool { return make([]bool, len(c)) }, nil)
		_, err := Panel(Env{Source: src}, PanelOptions{Demo: true, NoTFP: true})
		if err == nil {
			t.Fatal("no error for an empty SEA")
		}
	})
}
