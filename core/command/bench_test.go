package command

import (
	"testing"

	"github.com/wiodlab/wiodlab/core/study"
)

// BenchmarkReplicateSmall runs the whole paper on the small demo (generation
// excluded, as in the browser where wiodlab.demo stores the tables first).
func BenchmarkReplicateSmall(b *testing.B) {
	d, err := study.GenerateDemo(study.DemoOptions{Size: "small", Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	src := Tables{}
	for _, n := range d.TableNames() {
		if src[n], err = d.Table(n); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Replicate(Env{Source: src}, ReplicateOptions{Demo: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDemoSmall generates the small demo data.
func BenchmarkDemoSmall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Demo(Env{}, DemoOptions{Size: "small", Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
