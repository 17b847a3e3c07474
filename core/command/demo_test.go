package command

import (
	"sync"
	"testing"

	"github.com/wiodlab/wiodlab/core/study"
)

var (
	demoOnce sync.Once
	demoData *study.Demo
	demoErr  error
)

// testDemo returns the small demo data set of seed 1, generated once per test
// binary (the tables are read-only for the commands).
func testDemo(t *testing.T) *study.Demo {
	t.Helper()
	demoOnce.Do(func() { demoData, demoErr = study.GenerateDemo(study.DemoOptions{Size: "small", Seed: 1}) })
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoData
}
