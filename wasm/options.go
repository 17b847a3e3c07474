package main

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// reservedKeys are keys of an options object that belong to the adapter, not
// to the subcommand's options struct.
var reservedKeys = map[string]bool{"onProgress": true}

// optionField is one settable option: its JS key and whether it takes a list
// (a repeated CLI flag such as --wiot).
type optionField struct {
	Key  string
	List bool
}

// optionFields lists the options of an options struct type by their js tag
// (falling back to the json tag, then the field name, as vert does).
func optionFields(t reflect.Type) []optionField {
	if t.Kind() != reflect.Struct {
		panic("wasm: options type " + t.String() + " is not a struct")
	}
	var out []optionField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		key := f.Tag.Get("js")
		if key == "" {
			key, _, _ = strings.Cut(f.Tag.Get("json"), ",")
		}
		if key == "" {
			key = f.Name
		}
		if key == "-" {
			continue
		}
		out = append(out, optionField{Key: key, List: f.Type.Kind() == reflect.Slice})
	}
	return out
}

// unknownOption returns an error for the keys of an options object that the
// subcommand does not have, in the words of Go's flag package (which the CLI
// prints), plus the list of options that exist.
func unknownOption(keys []string, fields []optionField) error {
	known := make(map[string]bool, len(fields))
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		known[f.Key] = true
		names = append(names, f.Key)
	}
	sort.Strings(names)
	for _, k := range keys {
		if !known[k] && !reservedKeys[k] {
			return fmt.Errorf("option provided but not defined: %s (options: %s)", k, strings.Join(names, ", "))
		}
	}
	return nil
}
