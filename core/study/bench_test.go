package study
import "testing"
func BenchmarkGenerateSmall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := GenerateDemo(DemoOptions{Size: "small", Seed: 1}); err != nil { b.Fatal(err) }
	}
}
