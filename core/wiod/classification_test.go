package wiod

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

func TestPresets(t *testing.T) {
	c16, err := Preset("wiod2016")
	if err != nil {
		t.Fatal(err)
	}
	// The paper's definitions (see Preset's documentation).
	if !slices.Equal(c16.Digital, []string{"C26", "J61", "J62_J63"}) {
		t.Errorf("digital %v", c16.Digital)
	}
	if len(c16.Services) != 23 || c16.Services[0] != "G45" || c16.Services[22] != "N" {
		t.Errorf("services %v", c16.Services)
	}
	if len(c16.Manufacturing) != 19 || c16.Manufacturing[0] != "C10-C12" || c16.Manufacturing[18] != "C33" {
		t.Errorf("manufacturing %v", c16.Manufacturing)
	}
	want16 := map[string]string{
		"C10-C12": TechLow, "C13-C15": TechLow, "C16": TechLow, "C17": TechLow, "C18": TechLow, "C31_C32": TechLow,
		"C19": TechMidLow, "C20": TechMidLow, "C21": TechMidLow, "C22": TechMidLow, "C23": TechMidLow, "C24": TechMidLow, "C25": TechMidLow,
		"C26": TechHigh, "C27": TechHigh, "C28": TechHigh, "C29": TechHigh, "C30": TechHigh,
	}
	if len(c16.TechGroup) != len(want16) {
		t.Errorf("tech groups %v", c16.TechGroup)
	}
	for k, v := range want16 {
		if c16.TechGroup[k] != v {
			t.Errorf("tech group of %s = %q, want %q", k, c16.TechGroup[k], v)
		}
	}
	if err := c16.Check(Industries2016); err != nil {
		t.Error(err)
	}
	c13, err := Preset("WIOD2013")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c13.Digital, []string{"c14", "c27", "c30"}) || len(c13.Services) != 16 || c13.Services[15] != "c34" ||
		len(c13.Manufacturing) != 14 || c13.Manufacturing[0] != "c3" || c13.Manufacturing[13] != "c16" {
		t.Errorf("wiod2013 %+v", c13)
	}
	for _, m := range c13.Manufacturing {
		if c13.TechGroup[m] == "" {
			t.Errorf("wiod2013: %s has no tech group", m)
		}
	}
	if err := c13.Check(Industries2013); err != nil {
		t.Error(err)
	}
	if err := c13.Check(Industries2016); err == nil || !strings.Contains(err.Error(), "c14") {
		t.Errorf("2013 codes on a 2016 table: %v", err)
	}
	// Fresh copies.
	c16.Digital[0] = "X"
	if again, _ := Preset("wiod2016"); again.Digital[0] != "C26" {
		t.Error("Preset shares state between calls")
	}
	if _, err := Preset("isic4"); err == nil {
		t.Error("unknown preset accepted")
	}
}

func TestReadClassification(t *testing.T) {
	good := `{"name": "mine", "digital": ["C26", "J61"], "services": ["G45"],
 "manufacturing": ["C10-C12", "C26"], "tech_group": {"C26": "high"}}`
	c, err := ReadClassification(strings.NewReader(good), "mine.json")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "mine" || len(c.Digital) != 2 || c.TechGroup["C26"] != "high" {
		t.Errorf("%+v", c)
	}
	for _, b := range []struct {
		name, in, text string
		line, col      int
	}{
		{"syntax", "{\n \"digital\": [\"C26\",]\n}", "invalid character", 2, 20},
		{"unknown key", `{"digitl": ["C26"]}`, "unknown field", 1, 0},
		{"wrong type", "{\"digital\": \"C26\"}", "cannot unmarshal", 1, 0},
		{"empty digital", `{"services": ["G45"]}`, `"digital" is empty`, 0, 0},
		{"duplicate", `{"digital": ["C26", "C26"]}`, `lists "C26" twice`, 0, 0},
		{"empty code", `{"digital": ["C26", " "]}`, "empty code", 0, 0},
		{"bad group", `{"digital": ["C26"], "tech_group": {"C26": "medium"}}`, `"medium"`, 0, 0},
		{"trailing data", `{"digital": ["C26"]} {}`, "after the JSON object", 1, 0},
	} {
		_, err := ReadClassification(strings.NewReader(b.in), "c.json")
		if err == nil || !errors.Is(err, ErrClassification) || !strings.Contains(err.Error(), b.text) || !strings.HasPrefix(err.Error(), "c.json: ") {
			t.Errorf("%s: %v (want %q)", b.name, err, b.text)
			continue
		}
		var pe *table.ParseError
		if b.line > 0 && (!errors.As(err, &pe) || pe.Line != b.line || (b.col > 0 && pe.Column != b.col)) {
			t.Errorf("%s: %v, want line %d column %d", b.name, err, b.line, b.col)
		}
	}
	// Name defaults to the file name.
	c, err = ReadClassification(strings.NewReader(`{"digital": ["c14"]}`), "d.json")
	if err != nil || c.Name != "d.json" {
		t.Errorf("%v %v", c, err)
	}
}
