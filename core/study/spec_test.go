package study

import (
	"strings"
	"testing"
)

func TestExpandMacros(t *testing.T) {
	s := &Spec{Macros: map[string]string{"ctrl": "ln_y + ln_l", "_x1": "z", "fe": "id + year"}}
	for _, c := range []struct{ in, want string }{
		{"Var ~ Dig + {ctrl} | {fe}", "Var ~ Dig + ln_y + ln_l | id + year"},
		{"{_x1}{_x1}", "zz"},
		{"{a{ctrl}", "{aln_y + ln_l"},
		{"{1x} {} { ctrl} {ctrl", "{1x} {} { ctrl} {ctrl"},
		{"no macros", "no macros"},
		{"", ""},
	} {
		got, err := s.expand(c.in)
		if err != nil || got != c.want {
			t.Errorf("expand(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	_, err := s.expand("y ~ {ctrl} + {nope}")
	if err == nil || !strings.Contains(err.Error(), "{nope}") || !strings.Contains(err.Error(), "_x1, ctrl, fe") {
		t.Errorf("unknown macro: err = %v", err)
	}
}
