package wiod

// Classification groups the industry codes of one WIOD release: which
// industries count as digital (the default sector set S of the dependence
// indicators), which as services (servitization, paper eq. 7), which are
// manufacturing, and the technology group of each manufacturing industry.
//
// Code lists hold industry codes only (no country prefix): a set applies to the
// industry in every country.
type Classification struct {
	Name          string            `json:"name" js:"name"`
	Digital       []string          `json:"digital" js:"digital"`
	Services      []string          `json:"services" js:"services"`
	Manufacturing []string          `json:"manufacturing" js:"manufacturing"`
	TechGroup     map[string]string `json:"tech_group" js:"tech_group"` // industry code -> "low" | "midlow" | "high"
}
