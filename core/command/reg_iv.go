package command

import (
	"math"

	"github.com/wiodlab/wiodlab/core/formula"
	"github.com/wiodlab/wiodlab/core/iv"
	"github.com/wiodlab/wiodlab/core/vcov"
)

// The IV adapter of Reg (owned by core/iv): formulas with an IV part
// (`y ~ x | fe | endo ~ z1 + z2`) are estimated by 2SLS (or LIML with
// RegOptions.Estimator "liml") with iv.FitContext;
// the OLS keys of RegResult are filled as for OLS, plus "stats" (identification
// and over-identification statistics) and "first_stage" (issue 4).
func init() {
	regIV = func(env Env, opt RegOptions, d *formula.Design, s vcov.Spec) (*RegResult, error) {
		name := "2SLS"
		if opt.Estimator == "liml" {
			name = "LIML"
		}
		env.Progress.Report(0.1, "estimating by %s", name)
		r, err := iv.FitContext(env.Ctx, d, iv.Options{VCov: s.String(), Tol: opt.Tol, KeepSingletons: opt.KeepSingletons, Estimator: opt.Estimator})
		if err != nil {
			return nil, err
		}
		out := ivRegResult(r)
		out.Formula = opt.Formula
		dropped := map[string]bool{}
		for _, n := range r.Dropped {
			dropped[n] = true
		}
		for _, z := range d.InstNames {
			if !dropped[z] {
				out.iv.instruments = append(out.iv.instruments, z)
			}
		}
		return out, nil
	}
}

// ivInfo is what the text table of an IV fit shows beyond RegResult's
// exported fields.
type ivInfo struct {
	model       string // "2sls" or "liml" (iv.Result.Model)
	instruments []string
}

// fsTest is the first-stage F test of the excluded instruments for one
// endogenous regressor.
type fsTest struct {
	name     string
	f        float64
	df1, df2 int
}

// firstStageF returns the first-stage F tests of an IV result in the order
// of the endogenous regressors (none for OLS).
func (r *RegResult) firstStageF() []fsTest {
	fs, _ := r.FirstStage.([]iv.FirstStage)
	out := make([]fsTest, len(fs))
	for i, f := range fs {
		out[i] = fsTest{name: f.Name, f: float64(f.F), df1: f.FDF1, df2: f.FDF2}
	}
	return out
}

// ivRegResult converts an IV fit to the reg command's result. Statistics
// that are undefined (NaN, e.g. the p-value of J in an exactly identified
// model) are left out of the "stats" map, as undefined coefficients are left
// out of the per-coefficient maps.
func ivRegResult(r *iv.Result) *RegResult {
	col := func(m map[string]float64) []float64 {
		v := make([]float64, len(r.Names))
		for i, n := range r.Names {
			if x, ok := m[n]; ok {
				v[i] = x
			} else {
				v[i] = math.NaN()
			}
		}
		return v
	}
	out := NewRegResult(r.Names, col(r.Coef), col(r.SE), col(r.TStat), col(r.PValue), col(r.CILo), col(r.CIHi))
	out.NObs = r.NObs
	out.R2, out.R2Adj, out.R2Within = float64(r.R2), float64(r.R2Adj), float64(r.R2Within)
	for k, g := range r.NClusters {
		out.NClusters[k] = g
	}
	out.VCov = r.VCov
	out.Dropped = append([]string{}, r.Dropped...)
	out.Notes = append([]string{}, r.Notes...)
	out.Y, out.FE = r.Y, append([]string{}, r.FE...)
	out.F, out.FP, out.FDF = float64(r.F), float64(r.FP), [2]int{r.FDF1, r.FDF2}
	out.DFResid, out.K, out.KVCov = r.DF, r.K, r.KVCov
	out.DFAbsorbed, out.Singletons, out.RSS = r.DFAbsorbed, r.Singletons, r.RSS
	st := r.Stats
	stats := map[string]float64{}
	put := func(k string, v float64) {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			stats[k] = v
		}
	}
	put("kp_lm", float64(st.KPLM))
	put("kp_lm_p", float64(st.KPLMP))
	put("kp_lm_df", float64(st.KPLMDF))
	put("kp_wald_f", float64(st.KPWaldF))
	put("cd_wald_f", float64(st.CDWaldF))
	put("hansen_j", float64(st.HansenJ))
	put("hansen_j_p", float64(st.HansenJP))
	put("sargan", float64(st.Sargan))
	put("sargan_p", float64(st.SarganP))
	put("overid_df", float64(st.OverIDDF))
	put("kclass", r.KClass)
	if sy := st.StockYogo; sy != nil {
		put("sy_size_10", sy.Size10)
		put("sy_size_15", sy.Size15)
		put("sy_size_20", sy.Size20)
		put("sy_size_25", sy.Size25)
		if sy.Bias5 > 0 {
			put("sy_bias_5", sy.Bias5)
			put("sy_bias_10", sy.Bias10)
			put("sy_bias_20", sy.Bias20)
			put("sy_bias_30", sy.Bias30)
		}
	}
	out.Stats = stats
	out.FirstStage = r.FirstStage
	out.iv = &ivInfo{model: r.Model}
	return out
}
