package dea

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestZZDbg(t *testing.T) {
	b, _ := os.ReadFile("testdata/fuzz/FuzzEfficiency/b43dd89e7266e989")
	line := strings.Split(string(b), "\n")[1]
	q := strings.TrimSuffix(strings.TrimPrefix(line, "[]byte("), ")")
	s, _ := strconv.Unquote(q)
	dbgHook = func(s *simplex) { fmt.Println("n", s.n, "k", s.k, "basis", s.basis, "xb", s.xb, "iters", s.iters) }
	fuzzEfficiency(t, []byte(s))
}
