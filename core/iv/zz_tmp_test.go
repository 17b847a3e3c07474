package iv

import (
	"context"
	"testing"
	"time"

	"github.com/wiodlab/wiodlab/core/fe"
)

func TestTmpTiming(t *testing.T) {
	d := paperDesign()
	t0 := time.Now()
	ab, _ := fe.New(d.FE, d.FELevels, nil)
	cols := [][]float64{append([]float64(nil), d.Y...), append([]float64(nil), d.Endo[0]...)}
	for _, x := range d.X {
		cols = append(cols, append([]float64(nil), x...))
	}
	for _, x := range d.Inst {
		cols = append(cols, append([]float64(nil), x...))
	}
	it, _ := ab.DemeanAll(context.Background(), cols)
	t.Log("demean", time.Since(t0), it)
	t0 = time.Now()
	fe.Singletons(d.FE, d.FELevels)
	t.Log("singletons", time.Since(t0))
	t0 = time.Now()
	fe.Count(d.FE, d.FELevels, d.Clusters)
	t.Log("count", time.Since(t0))
	t0 = time.Now()
	Fit(d, Options{VCov: "cluster:unit"})
	t.Log("fit", time.Since(t0))
}
