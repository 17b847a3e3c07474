package iv

import (
	"encoding/json"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Num is a float64 that marshals to JSON null when it is NaN or infinite (a
// statistic that is not defined, such as the p-value of Hansen's J in an
// exactly identified model), since JSON has no NaN.
type Num float64

// MarshalJSON writes the number, or null when it is not finite.
func (x Num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// UnmarshalJSON reads a number or null (as NaN).
func (x *Num) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = Num(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*x = Num(f)
	return nil
}

// Stats are the identification and over-identification statistics, as
// ivreg2 reports them (see the package documentation for the formulas and
// degrees-of-freedom conventions).
type Stats struct {
	// Kleibergen–Paap rk LM statistic of under-identification, χ²(L−K+1).
	// Under iid errors it is Anderson's canonical-correlation LM statistic.
	KPLM   Num `json:"kp_lm" js:"kp_lm"`
	KPLMP  Num `json:"kp_lm_p" js:"kp_lm_p"`
	KPLMDF int `json:"kp_lm_df" js:"kp_lm_df"`
	// Kleibergen–Paap rk Wald F (weak identification); equal to CDWaldF
	// under iid errors, and to the first-stage F with one endogenous regressor.
	KPWaldF Num `json:"kp_wald_f" js:"kp_wald_f"`
	// Cragg–Donald Wald F (weak identification under iid errors).
	CDWaldF Num `json:"cd_wald_f" js:"cd_wald_f"`
	// Hansen's J (efficient two-step GMM criterion with the covariance's
	// weighting) and Sargan's statistic N·R², both χ²(L−K); with iid errors
	// J equals Sargan. P-values are null when the model is exactly identified.
	HansenJ  Num `json:"hansen_j" js:"hansen_j"`
	HansenJP Num `json:"hansen_j_p" js:"hansen_j_p"`
	Sargan   Num `json:"sargan" js:"sargan"`
	SarganP  Num `json:"sargan_p" js:"sargan_p"`
	OverIDDF int `json:"overid_df" js:"overid_df"`
	// Stock–Yogo (2005) critical values for the weak-identification F, when
	// tabulated for this number of endogenous regressors and instruments.
	StockYogo *StockYogo `json:"stock_yogo,omitempty" js:"stock_yogo"`
}

// FirstStage is the first-stage regression of one endogenous regressor on
// the excluded instruments (with the exogenous regressors and fixed effects
// partialled out), with ivreg2's diagnostics.
type FirstStage struct {
	Name string `json:"name" js:"name"`
	// Coefficients and standard errors (same covariance estimator and
	// small-sample factors as the main equation) of the excluded instruments.
	Coef map[string]float64 `json:"coef" js:"coef"`
	SE   map[string]float64 `json:"se" js:"se"`
	// F test of the excluded instruments, F(FDF1, FDF2), robust when the
	// covariance is.
	F    Num `json:"f" js:"f"`
	FDF1 int `json:"f_df1" js:"f_df1"`
	FDF2 int `json:"f_df2" js:"f_df2"`
	FP   Num `json:"f_p" js:"f_p"`
	// Partial R² of the excluded instruments and Shea's (1997) partial R².
	PartialR2 Num `json:"partial_r2" js:"partial_r2"`
	SheaR2    Num `json:"shea_r2" js:"shea_r2"`
	// Sanderson–Windmeijer (2016) conditional F, F(SWDF1, SWDF2); equals F
	// with one endogenous regressor.
	SWF   Num `json:"sw_f" js:"sw_f"`
	SWDF1 int `json:"sw_df1" js:"sw_df1"`
	SWDF2 int `json:"sw_df2" js:"sw_df2"`
	SWP   Num `json:"sw_p" js:"sw_p"`
}

// Result is a finished 2SLS fit. Treat it as immutable. Undefined numbers are
// NaN in Num fields (null in JSON) and left out of the per-coefficient maps,
// as core/regress does.
type Result struct {
	Model string `json:"model" js:"model"` // "2sls" or "liml"
	// KClass is the k of the k-class estimator: 1 for 2SLS, λ for LIML.
	KClass float64  `json:"kclass" js:"kclass"`
	Y      string   `json:"y" js:"y"`
	FE     []string `json:"fe" js:"fe"` // fixed-effect names as written
	// Names lists the coefficients in Stata order: endogenous regressors,
	// exogenous regressors, then the constant ("(Intercept)" without fixed
	// effects, "_cons" with them, as core/regress).
	Names  []string           `json:"names" js:"names"`
	Coef   map[string]float64 `json:"coef" js:"coef"`
	SE     map[string]float64 `json:"se" js:"se"`
	TStat  map[string]float64 `json:"tstat" js:"tstat"`
	PValue map[string]float64 `json:"pvalue" js:"pvalue"`
	CILo   map[string]float64 `json:"ci_lower" js:"ci_lower"` // 95% confidence interval
	CIHi   map[string]float64 `json:"ci_upper" js:"ci_upper"`

	NObs       int            `json:"nobs" js:"nobs"`
	Singletons int            `json:"singletons" js:"singletons"`
	R2         Num            `json:"r2" js:"r2"`
	R2Adj      Num            `json:"r2_adj" js:"r2_adj"`
	R2Within   Num            `json:"r2_within" js:"r2_within"`
	RMSE       Num            `json:"rmse" js:"rmse"`
	NClusters  map[string]int `json:"nclusters" js:"nclusters"`
	VCov       string         `json:"vcov" js:"vcov"`
	// F tests that all slope coefficients (not the constant) are zero with
	// the chosen covariance: F(FDF1, FDF2) = Wald/q, p-value FP (ivreg2 small).
	F    Num `json:"f" js:"f"`
	FDF1 int `json:"f_df1" js:"f_df1"`
	FDF2 int `json:"f_df2" js:"f_df2"`
	FP   Num `json:"f_p" js:"f_p"`
	// RSS is the residual sum of squares; DFAbsorbed the fixed-effect levels
	// absorbed beyond the constant that enter K.
	RSS        float64 `json:"rss" js:"rss"`
	DFAbsorbed int     `json:"df_a" js:"df_a"`
	// K is the parameter count (regressors, constant and absorbed
	// fixed-effect levels) used by the adjusted R² and the iid/hc1 factors;
	// KVCov the K of the covariance's factor (levels of fixed effects nested
	// in a cluster variable left out); DF the degrees of freedom of the t
	// tests (N − K, or G − 1 when clustered).
	K       int      `json:"k" js:"k"`
	KVCov   int      `json:"k_vcov" js:"k_vcov"`
	DF      int      `json:"df_resid" js:"df_resid"`
	Dropped []string `json:"dropped" js:"dropped"`
	Notes   []string `json:"notes" js:"notes"`

	Stats      Stats        `json:"stats" js:"stats"`
	FirstStage []FirstStage `json:"first_stage" js:"first_stage"`

	// V is the covariance matrix of the coefficients in Names order.
	V *mat.SymDense `json:"-" js:"-"`
}
