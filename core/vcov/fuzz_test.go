package vcov

import "testing"

// FuzzParse: Parse never panics and its canonical text parses to the same spec.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "iid", "hc1", "robust", "cluster:firm", "cluster:a+b", "cluster: a + b", "cl:x", "cluster:", "cluster:a+b+c", "hc3", "CLUSTER:Firm"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spec, err := Parse(s)
		if err != nil {
			return
		}
		again, err := Parse(spec.String())
		if err != nil || again.String() != spec.String() {
			t.Errorf("Parse(%q) = %q, which reparses to %q (%v)", s, spec, again, err)
		}
	})
}
