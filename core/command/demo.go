package command

import (
	"github.com/wiodlab/wiodlab/core/study"
	"github.com/wiodlab/wiodlab/core/table"
)

// DemoOptions are the options of `wiodlab demo` and `wiodlab.demo`.
type DemoOptions struct {
	Size string `json:"size" js:"size"` // small (default) or full
	Seed uint64 `json:"seed" js:"seed"` // default 1
}

// DemoResult lists the generated tables and the true parameters of the DGP.
type DemoResult struct {
	Size   string      `json:"size" js:"size"`
	Seed   uint64      `json:"seed" js:"seed"`
	Tables []string    `json:"tables" js:"tables"`
	Truth  study.Truth `json:"truth" js:"truth"`
	// Data gives the generated tables by name (not serialised).
	Data *study.Demo `json:"-" js:"-"`
}

// Demo generates the synthetic demo data set (see docs/methods.md). The
// caller stores or writes the tables: DemoResult.Data.Table(name) for each of
// DemoResult.Tables.
func Demo(env Env, opt DemoOptions) (*DemoResult, error) {
	if opt.Size == "" {
		opt.Size = "small"
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	env.Progress.Report(0, "generating %s demo data (seed %d)", opt.Size, opt.Seed)
	d, err := study.GenerateDemo(study.DemoOptions{Size: opt.Size, Seed: opt.Seed, Progress: env.Progress})
	if err != nil {
		return nil, err
	}
	env.Progress.Report(1, "demo data ready")
	return &DemoResult{Size: opt.Size, Seed: opt.Seed, Tables: d.TableNames(), Truth: d.Truth, Data: d}, nil
}

// DemoTable returns one generated table; a convenience for adapters.
func (r *DemoResult) DemoTable(name string) (*table.Table, error) { return r.Data.Table(name) }
