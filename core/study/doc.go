// Package study is the paper's pipeline as data and code: the synthetic demo
// data (GenerateDemo), the country × industry × year panel builder
// (BuildPanel) and the specification of the paper's tables (paper.json,
// ParseSpec). The replication itself runs in core/command (Replicate), which
// calls the same subcommands as the CLI.
//
// The demo's data-generating process is documented in docs/methods.md; its
// parameters are the constants in dgp.go, and Truth reports them so that a
// teacher can show the estimators recover them.
//
// Reference: Liu, Fu & Yang, "How does digital technology drive manufacturing
// upgrading? Evidence from WIOD cross-country data". Equation numbers in
// comments refer to that paper.
package study
