package wiod_test

import (
	"fmt"
	"strings"

	"github.com/wiodlab/wiodlab/core/wiod"
)

// Miller & Blair's two-sector economy (Input-Output Analysis, 2nd ed. 2009,
// section 2.3: z11 = 150, z12 = 500, z21 = 200, z22 = 100, final demand 350
// and 1700, gross output 1000 and 2000) in the world layout, with one
// country and two final-use columns.
func ExampleReadWorld() {
	in := `IndustryCode,IndustryDescription,Country,RNr,Year,MB1,MB2,MB3,MB4,TOT
s1,Sector 1,MB,1,2009,150,500,300,50,1000
s2,Sector 2,MB,2,2009,200,100,1500,200,2000
VA,,TOT,64,2009,650,1400,,,
GO,,TOT,73,2009,1000,2000,,,
`
	t, err := wiod.ReadWorld(strings.NewReader(in), "mb.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.N(), t.Year, t.Industry)
	fmt.Println(t.Z.RawMatrix().Data, t.X, t.VA, t.FinalDemand)
	// Output:
	// 2 2009 [s1 s2]
	// [150 500 200 100] [1000 2000] [650 1400] [350 1700]
}
