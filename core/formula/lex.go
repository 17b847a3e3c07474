package formula

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a lexical token of the formula and filter languages.
type tokKind int

const (
	tEOF    tokKind = iota
	tIdent          // variable name, or a quoted `name`
	tNumber         // 1, 2.5, 1e3
	tString         // "text" (filters only)
	tPunct          // one of ~ + - | ^ . ( ) / & ! < > <= >= == != ~= =
)

// token is one lexical token; Col is its 1-based column (in characters).
type token struct {
	Kind   tokKind
	Text   string // identifier (unquoted), number text, string value or punctuation
	Col    int
	Quoted bool // identifier written between backquotes
}

func (t token) String() string {
	switch t.Kind {
	case tEOF:
		return "end of input"
	case tString:
		return quoteFilterString(t.Text)
	case tIdent:
		if t.Quoted {
			return "`" + t.Text + "`"
		}
	}
	return t.Text
}

// Error is a syntax error in a formula or a sample filter. It names the
// offending token and its column (1-based, counted in characters) and prints
// the source with a caret under the token.
type Error struct {
	Kind   string // "formula" or "filter"
	Source string // the text parsed
	Col    int    // 1-based column of the offending token
	Msg    string // what is wrong, e.g. `unexpected "+"`
}

func (e *Error) Error() string {
	prefix := fmt.Sprintf("%s: %s at column %d: ", e.Kind, e.Msg, e.Col)
	// The caret sits under the token in the echoed source; tabs in the
	// source are echoed as tabs so that it stays aligned.
	var pad strings.Builder
	pad.WriteString(strings.Repeat(" ", utf8.RuneCountInString(prefix)))
	src := []rune(e.Source)
	for i := 0; i < e.Col-1; i++ {
		if i < len(src) && src[i] == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	echo := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, e.Source)
	return prefix + echo + "\n" + pad.String() + "^"
}

// lex splits s into tokens. kind is "formula" or "filter" (strings and the
// comparison operators are only meaningful in filters but are lexed in both,
// so that a formula error can name them).
func lex(kind, s string) ([]token, error) {
	var toks []token
	col := 1
	i := 0
	errAt := func(c int, format string, args ...any) error {
		return &Error{Kind: kind, Source: s, Col: c, Msg: fmt.Sprintf(format, args...)}
	}
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			return nil, errAt(col, "invalid UTF-8 byte %#x", s[i])
		}
		switch {
		case unicode.IsSpace(r):
			i += w
			col++
		case isIdentStart(r):
			start, startCol := i, col
			for i < len(s) {
				r, w := utf8.DecodeRuneInString(s[i:])
				if !isIdentPart(r) || (r == utf8.RuneError && w == 1) {
					break
				}
				i += w
				col++
			}
			toks = append(toks, token{Kind: tIdent, Text: s[start:i], Col: startCol})
		case r >= '0' && r <= '9' || (r == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' && !prevIsOperand(toks)):
			start, startCol := i, col
			for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
				i++
				col++
			}
			if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
				j := i + 1
				if j < len(s) && (s[j] == '+' || s[j] == '-') {
					j++
				}
				if j < len(s) && s[j] >= '0' && s[j] <= '9' {
					for j < len(s) && s[j] >= '0' && s[j] <= '9' {
						j++
					}
					col += j - i
					i = j
				}
			}
			toks = append(toks, token{Kind: tNumber, Text: s[start:i], Col: startCol})
		case r == '`' || r == '"':
			startCol := col
			text, ni, ncol, closed, bad := scanQuoted(s, i+1, col+1, r)
			if bad >= 0 {
				return nil, errAt(ncol, "invalid UTF-8 byte %#x", s[bad])
			}
			i, col = ni, ncol
			switch {
			case r == '"' && !closed:
				return nil, errAt(startCol, "unterminated string (a closing \" is missing)")
			case r == '"':
				toks = append(toks, token{Kind: tString, Text: text, Col: startCol})
			case !closed:
				return nil, errAt(startCol, "unterminated quoted name")
			case text == "":
				return nil, errAt(startCol, "empty quoted name")
			default:
				toks = append(toks, token{Kind: tIdent, Text: text, Col: startCol, Quoted: true})
			}
		default:
			two := ""
			if i+1 < len(s) {
				two = s[i : i+2]
			}
			switch two {
			case "<=", ">=", "==", "!=", "~=", "&&", "||":
				toks = append(toks, token{Kind: tPunct, Text: two, Col: col})
				i += 2
				col += 2
				continue
			}
			if strings.ContainsRune("~+-|^.()/&!<>=*:,", r) {
				toks = append(toks, token{Kind: tPunct, Text: string(r), Col: col})
				i += w
				col++
				continue
			}
			return nil, errAt(col, "unexpected character %q", r)
		}
	}
	toks = append(toks, token{Kind: tEOF, Col: col})
	return toks, nil
}

// scanQuoted reads text from s[i:] (column col) up to the closing quote q,
// which it consumes. Inside double-quoted strings, \" and \\ are escapes.
// It returns the text, the position and column after it, whether the quote
// was closed, and the offset of an invalid UTF-8 byte (-1 if none; then col is
// its column).
func scanQuoted(s string, i, col int, q rune) (text string, ni, ncol int, closed bool, bad int) {
	var b strings.Builder
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			return "", i, col, false, i
		}
		i += w
		col++
		if q == '"' && r == '\\' && i < len(s) && (s[i] == '"' || s[i] == '\\') {
			b.WriteByte(s[i])
			i++
			col++
			continue
		}
		if r == q {
			return b.String(), i, col, true, -1
		}
		b.WriteRune(r)
	}
	return b.String(), i, col, false, -1
}

// prevIsOperand reports whether the last token ends an operand, in which case
// a following "." is punctuation (the operator dot of L.x, or Stata's missing
// value) rather than the start of a number like .5.
func prevIsOperand(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	t := toks[len(toks)-1]
	return t.Kind == tIdent || t.Kind == tNumber || t.Kind == tString || t.Text == ")"
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isIdentPart(r rune) bool  { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// isPlainName reports whether name can be written without backquotes.
func isPlainName(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		if i == 0 && !isIdentStart(r) || !isIdentPart(r) {
			return false
		}
	}
	return true
}

// quoteName writes a variable name so that the lexer reads it back.
func quoteName(name string) string {
	if isPlainName(name) {
		return name
	}
	return "`" + name + "`"
}
