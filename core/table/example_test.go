package table_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/wiodlab/wiodlab/core/table"
)

// A semicolon-separated file with a byte order mark, quoted text and the
// three default missing markers.
func ExampleRead() {
	in := "\uFEFFcountry;year;va;note\nAUS;2000;1.5;\"a; b\"\nAUT;2001;NA;.\nBEL;2002;;x\n"
	t, err := table.Read(strings.NewReader(in), table.ReadOptions{Name: "va.csv"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range t.Cols {
		fmt.Println(c.Name, c.Kind, c.Len())
	}
	table.WriteCSV(os.Stdout, t)
	// Output:
	// country string 3
	// year float 3
	// va float 3
	// note string 3
	// country,year,va,note
	// AUS,2000,1.5,"a; b"
	// AUT,2001,,
	// BEL,2002,,x
}

// Errors name the file, line and column.
func ExampleParseError() {
	_, err := table.Read(strings.NewReader("a,b,c\n1,2,3\n4,5\n"), table.ReadOptions{Name: "f.csv"})
	fmt.Println(err)
	// Output:
	// f.csv: line 3, column 3 ("c"): wrong number of fields: line has 2 fields, the header has 3
}
