package dpd
import ("testing";"time";"fmt")
func TestPhases(t *testing.T) {
	data := paperPanel(756, 15)
	m := paperModel(t, false)
	for k := 0; k < 2; k++ {
	t0 := time.Now(); prev := ""
	m.Fit(data, "id", "year", Options{TwoStep: true, Robust: true, Progress: func(f float64, msg string) {
		if msg != prev { fmt.Printf("%6.0fms %s\n", float64(time.Since(t0).Microseconds())/1000, msg); prev = msg }
	}})
	fmt.Printf("%6.0fms total\n", float64(time.Since(t0).Microseconds())/1000)
	}
}
