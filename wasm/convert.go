package main

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
)

// Results cross to JS with vert, which names keys by the js tags. vert does
// not know encoding/json's refinements, so where a result type relies on one
// of them, the CLI's JSON would differ from vert's object; for such types the
// adapter converts through encoding/json (exactly what the CLI prints) and
// JSON.parse instead. needsJSON says which path a type takes.
var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	jsonTypes         sync.Map // reflect.Type -> bool
)

// needsJSON reports whether converting a value of type t with vert could
// give a different object than encoding/json: the type or a type inside it
// has a MarshalJSON/MarshalText method, a field tagged "-" or omitempty /
// omitzero, a js tag that differs from its json name, an embedded struct, or
// a map (vert sets a map's keys in Go's random iteration order; the CLI's
// JSON sorts them, and users read coefficient tables in that order).
func needsJSON(t reflect.Type) bool {
	if v, ok := jsonTypes.Load(t); ok {
		return v.(bool)
	}
	jsonTypes.Store(t, false) // recursive types: assume false while visiting
	r := needsJSONUncached(t)
	jsonTypes.Store(t, r)
	return r
}

func needsJSONUncached(t reflect.Type) bool {
	if t.Implements(marshalerType) || t.Implements(textMarshalerType) ||
		reflect.PointerTo(t).Implements(marshalerType) || reflect.PointerTo(t).Implements(textMarshalerType) {
		return true
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return needsJSON(t.Elem())
	case reflect.Map:
		return true
	case reflect.Interface:
		return true // the dynamic type is unknown here
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Anonymous {
				return true
			}
			tag := f.Tag.Get("json")
			name, opts, _ := strings.Cut(tag, ",")
			if name == "-" || strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero") || strings.Contains(opts, "string") {
				return true
			}
			if js := f.Tag.Get("js"); js != "" && js != name || js == "" && name == "" {
				return true
			}
			if needsJSON(f.Type) {
				return true
			}
		}
	}
	return false
}
