package main

import (
	"math"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

// FuzzColumnar round-trips a float and a text column through the stored form
// and decodes arbitrary (possibly corrupt) stored codes without panicking.
func FuzzColumnar(f *testing.F) {
	f.Add([]byte{0, 1, 2, 255}, "AUS,USA,,AUS,<b>x</b>", uint32(3))
	f.Add([]byte{}, "", uint32(0))
	f.Add([]byte("\x7f\xf8\x00\x00\x00\x00\x00\x01"), "中国,中国", uint32(9))
	f.Fuzz(func(t *testing.T, raw []byte, labels string, badCode uint32) {
		s := strings.Split(labels, ",")
		n := len(s)
		fl := make([]float64, n)
		for i := range fl {
			if i < len(raw) {
				fl[i] = float64(int8(raw[i])) / 7
				if raw[i] == 255 {
					fl[i] = math.NaN()
				}
			}
		}
		miss := make([]bool, n)
		for i := range s {
			miss[i] = s[i] == ""
		}
		tab := table.New("f")
		if err := tab.AddFloat("x", fl); err != nil {
			t.Fatal(err)
		}
		tab.Cols = append(tab.Cols, &table.Column{Name: "s", Kind: table.String, S: s, Missing: miss})
		cols := []storedColumn{encodeColumn(tab.Cols[0]), encodeColumn(tab.Cols[1])}
		back, err := decodeTable("f", cols)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if !sameFloat(back.Cols[0].F[i], fl[i]) || back.Cols[1].IsMissing(i) != miss[i] || (!miss[i] && back.Cols[1].S[i] != s[i]) {
				t.Fatalf("row %d differs after the round trip", i)
			}
		}
		// Corrupt a code: an error, never a panic or a wrong value.
		if n > 0 {
			cols[1].Codes[0] = badCode
			back, err := decodeTable("f", cols)
			if int(badCode) > len(cols[1].Dict) {
				if err == nil {
					t.Fatalf("code %d beyond a dictionary of %d accepted", badCode, len(cols[1].Dict))
				}
			} else if err != nil || (badCode > 0 && back.Cols[1].S[0] != cols[1].Dict[badCode-1]) {
				t.Fatalf("valid code %d: %v", badCode, err)
			}
		}
	})
}
