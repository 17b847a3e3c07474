package table

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlKind is the kind of the token an xmlScanner stands on.
type xmlKind int

const (
	xmlEOF   xmlKind = iota
	xmlStart         // start tag (a self-closing tag is a start then an end)
	xmlEnd           // end tag
	xmlText          // character data (entities, references and CDATA decoded)
)

// xmlAttr locates an attribute's local name and decoded value in
// xmlScanner.abuf.
type xmlAttr struct{ n0, n1, v0, v1 int }

// An xmlScanner splits an XML document read from an io.Reader into start
// tags, end tags and text, in the manner of a SAX parser, keeping only the
// current token in memory. It understands what spreadsheet parts use: the
// five predefined entities, decimal and hex character references, CDATA
// sections, comments and processing instructions (skipped), and namespace
// prefixes (Local gives the name after the colon). A document type
// declaration is an error (no part of an XLSX file has one, and internal
// entity definitions are a known decompression-bomb vector). It checks that
// end tags match start tags; any other malformed input is an error naming
// the part and the byte offset, never a panic. Every call consumes input or
// ends, so it cannot loop forever.
type xmlScanner struct {
	src  io.Reader
	part string // archive part name, for errors

	buf      []byte
	pos, end int
	base     int64 // input offset of buf[0]
	rerr     error // read error (io.EOF at the end)

	kind    xmlKind
	name    []byte // qualified name of the current tag
	local   []byte // local part of name
	attrs   []xmlAttr
	abuf    []byte
	text    []byte
	pending bool // a self-closing tag's end is due

	stack    []byte // open element names, concatenated
	stackOff []int
	err      error
}

func newXMLScanner(r io.Reader, part string) *xmlScanner {
	return &xmlScanner{src: r, part: part, buf: make([]byte, 32<<10)}
}

// offset is the input offset of the next unread byte.
func (s *xmlScanner) offset() int64 { return s.base + int64(s.pos) }

func (s *xmlScanner) errorf(format string, args ...any) error {
	if s.err == nil {
		s.err = fmt.Errorf("%s: byte %d: %s", s.part, s.offset(), fmt.Sprintf(format, args...))
	}
	return s.err
}

// fill reads more input; false at the end of input or on a read error.
func (s *xmlScanner) fill() bool {
	if s.rerr != nil {
		return false
	}
	if s.pos == s.end {
		s.base += int64(s.end)
		s.pos, s.end = 0, 0
	} else if s.end == len(s.buf) {
		// keep the unread tail (fill is only called with the buffer consumed
		// or full, so this moves at most a few bytes of a token's lookahead)
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.pos, s.end = 0, n
	}
	for k := 0; k < 100; k++ {
		n, err := s.src.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.rerr = io.ErrNoProgress
	return false
}

// readByte returns the next byte; ok is false at the end of input.
func (s *xmlScanner) readByte() (byte, bool) {
	if s.pos == s.end && !s.fill() {
		return 0, false
	}
	c := s.buf[s.pos]
	s.pos++
	return c, true
}

// eof returns the error for input that ends inside a construct.
func (s *xmlScanner) eof(what string) error {
	if s.rerr != nil && s.rerr != io.EOF {
		return s.errorf("%v", s.rerr)
	}
	return s.errorf("unexpected end of input in %s", what)
}

// Next advances to the next token and returns its kind; xmlEOF at the end
// of a well-formed document. After an error it keeps returning xmlEOF and
// Err reports the error.
func (s *xmlScanner) Next() xmlKind {
	if s.err != nil {
		s.kind = xmlEOF
		return xmlEOF
	}
	if s.pending {
		s.pending = false
		s.pop()
		s.kind = xmlEnd
		return xmlEnd
	}
	s.kind = s.next()
	if s.err != nil {
		s.kind = xmlEOF
	}
	return s.kind
}

// Err returns the first error met, nil at a clean end.
func (s *xmlScanner) Err() error { return s.err }

// Local returns the local name of the current start or end tag.
func (s *xmlScanner) Local() []byte { return s.local }

// Is reports whether the current tag's local name is name.
func (s *xmlScanner) Is(name string) bool { return string(s.local) == name }

// Text returns the current text token (valid until the next call).
func (s *xmlScanner) Text() []byte { return s.text }

// Attr returns the value of the current start tag's attribute whose local
// name is name (so "r:id" matches "id"), and whether it is present.
func (s *xmlScanner) Attr(name string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(s.abuf[a.n0:a.n1]) == name {
			return s.abuf[a.v0:a.v1], true
		}
	}
	return nil, false
}

// Depth returns the number of open elements (the current start tag counts).
func (s *xmlScanner) Depth() int { return len(s.stackOff) }

// Skip consumes the rest of the element whose start tag is the current
// token, up to and including its end tag.
func (s *xmlScanner) Skip() {
	d := s.Depth()
	for {
		switch s.Next() {
		case xmlEOF:
			return
		case xmlEnd:
			if s.Depth() < d {
				return
			}
		}
	}
}

func (s *xmlScanner) pop() {
	k := s.stackOff[len(s.stackOff)-1]
	s.stack = s.stack[:k]
	s.stackOff = s.stackOff[:len(s.stackOff)-1]
}

func (s *xmlScanner) next() xmlKind {
	s.text = s.text[:0]
	for {
		c, ok := s.readByte()
		if !ok {
			if s.rerr != nil && s.rerr != io.EOF {
				s.errorf("%v", s.rerr)
				return xmlEOF
			}
			if len(s.stackOff) > 0 {
				k := s.stackOff[len(s.stackOff)-1]
				s.errorf("unexpected end of input: <%s> is not closed", s.stack[k:])
				return xmlEOF
			}
			if len(s.text) > 0 {
				return xmlText // trailing text after the root: returned, then EOF
			}
			return xmlEOF
		}
		if c == '&' {
			if !s.entity(&s.text) {
				return xmlEOF
			}
			continue
		}
		if c != '<' {
			s.text = append(s.text, c)
			// copy the run up to the next markup or reference at once
			for s.pos < s.end {
				c = s.buf[s.pos]
				if c == '<' || c == '&' {
					break
				}
				s.text = append(s.text, c)
				s.pos++
			}
			continue
		}
		// markup: a text run before it is returned first
		if len(s.text) > 0 {
			s.pos-- // unread '<' (it is still in the buffer)
			return xmlText
		}
		c, ok = s.readByte()
		if !ok {
			s.eof("a tag")
			return xmlEOF
		}
		switch {
		case c == '/':
			return s.endTag()
		case c == '?':
			if !s.skipUntil("?>", "a processing instruction") {
				return xmlEOF
			}
		case c == '!':
			if k, ok := s.bang(); !ok {
				return xmlEOF
			} else if k == xmlText {
				if len(s.text) > 0 {
					return xmlText
				}
			}
		default:
			s.pos--
			return s.startTag()
		}
	}
}

// bang handles "<!": comments are skipped, CDATA becomes text (xmlText),
// anything else (DOCTYPE) is an error.
func (s *xmlScanner) bang() (xmlKind, bool) {
	var head [7]byte
	n := 0
	for n < 2 {
		c, ok := s.readByte()
		if !ok {
			return xmlEOF, s.eof("markup") == nil
		}
		head[n] = c
		n++
	}
	if head[0] == '-' && head[1] == '-' {
		return xmlEOF, s.skipUntil("-->", "a comment")
	}
	for n < 7 {
		c, ok := s.readByte()
		if !ok {
			return xmlEOF, s.eof("markup") == nil
		}
		head[n] = c
		n++
	}
	if string(head[:]) != "[CDATA[" {
		s.errorf("unsupported markup <!%s (document type declarations are not allowed)", printable(head[:n]))
		return xmlEOF, false
	}
	// CDATA content up to "]]>", verbatim
	for {
		c, ok := s.readByte()
		if !ok {
			return xmlEOF, s.eof("a CDATA section") == nil
		}
		s.text = append(s.text, c)
		if c == '>' && bytes.HasSuffix(s.text, []byte("]]>")) {
			s.text = s.text[:len(s.text)-3]
			return xmlText, true
		}
	}
}

// skipUntil consumes input up to and including the terminator (at most 3
// bytes long).
func (s *xmlScanner) skipUntil(term, what string) bool {
	var last [3]byte
	n := 0
	for {
		c, ok := s.readByte()
		if !ok {
			s.eof(what)
			return false
		}
		last[0], last[1], last[2] = last[1], last[2], c
		n++
		if n >= len(term) && string(last[3-len(term):]) == term {
			return true
		}
	}
}

func isNameStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == ':' || c >= 0x80
}

func isNameByte(c byte) bool {
	return isNameStart(c) || '0' <= c && c <= '9' || c == '-' || c == '.'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// readName reads an XML name into dst.
func (s *xmlScanner) readName(dst []byte, what string) ([]byte, bool) {
	c, ok := s.readByte()
	if !ok {
		s.eof(what)
		return dst, false
	}
	if !isNameStart(c) {
		s.pos--
		s.errorf("%s: expected a name, found %q (a literal '<' or '&' in text must be written &lt; or &amp;)", what, c)
		return dst, false
	}
	dst = append(dst, c)
	for {
		if s.pos == s.end && !s.fill() {
			return dst, true
		}
		c = s.buf[s.pos]
		if !isNameByte(c) {
			return dst, true
		}
		dst = append(dst, c)
		s.pos++
	}
}

// skipSpace consumes white space and returns the next byte, unread, and
// whether any space came before it.
func (s *xmlScanner) skipSpace() (c byte, spaced, ok bool) {
	for {
		if s.pos == s.end && !s.fill() {
			return 0, spaced, false
		}
		c = s.buf[s.pos]
		if !isSpace(c) {
			return c, spaced, true
		}
		spaced = true
		s.pos++
	}
}

func localOf(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func (s *xmlScanner) startTag() xmlKind {
	s.abuf = s.abuf[:0]
	s.attrs = s.attrs[:0]
	var ok bool
	if s.abuf, ok = s.readName(s.abuf, "a start tag"); !ok {
		return xmlEOF
	}
	nameLen := len(s.abuf)
	for {
		c, spaced, ok := s.skipSpace()
		if !ok {
			s.eof("a start tag")
			return xmlEOF
		}
		if c == '>' || c == '/' {
			s.pos++
			if c == '/' {
				if c, ok = s.readByte(); !ok {
					s.eof("a start tag")
					return xmlEOF
				} else if c != '>' {
					s.pos--
					s.errorf("expected '>' after '/' in a tag, found %q", c)
					return xmlEOF
				}
				s.pending = true
			}
			break
		}
		if c == '<' {
			s.errorf("tag <%s> is not closed by '>'", printable(s.abuf[:nameLen]))
			return xmlEOF
		}
		if !spaced {
			s.errorf("expected white space before an attribute, found %q", c)
			return xmlEOF
		}
		var a xmlAttr
		a.n0 = len(s.abuf)
		if s.abuf, ok = s.readName(s.abuf, "an attribute name"); !ok {
			return xmlEOF
		}
		a.n1 = len(s.abuf)
		if c, _, ok = s.skipSpace(); !ok || c != '=' {
			if !ok {
				s.eof("a start tag")
			} else {
				s.errorf("attribute %s: expected '=', found %q", s.abuf[a.n0:a.n1], c)
			}
			return xmlEOF
		}
		s.pos++
		q, _, ok := s.skipSpace()
		if !ok {
			s.eof("a start tag")
			return xmlEOF
		}
		if q != '"' && q != '\'' {
			s.errorf("attribute %s: expected a quoted value, found %q", s.abuf[a.n0:a.n1], q)
			return xmlEOF
		}
		s.pos++
		a.v0 = len(s.abuf)
		for {
			// the run up to the quote, '<' or '&' at once
			i := s.pos
			for i < s.end && s.buf[i] != q && s.buf[i] != '<' && s.buf[i] != '&' {
				i++
			}
			s.abuf = append(s.abuf, s.buf[s.pos:i]...)
			s.pos = i
			c, ok := s.readByte()
			if !ok {
				s.eof("an attribute value")
				return xmlEOF
			}
			if c == q {
				break
			}
			switch c {
			case '<':
				s.errorf("'<' in the value of attribute %s", s.abuf[a.n0:a.n1])
				return xmlEOF
			case '&':
				if !s.entity(&s.abuf) {
					return xmlEOF
				}
			default:
				s.abuf = append(s.abuf, c)
			}
		}
		a.v1 = len(s.abuf)
		// Namespace declarations are not attributes here; others are
		// looked up by local name ("r:id" as "id").
		qn := s.abuf[a.n0:a.n1]
		if string(qn) == "xmlns" || bytes.HasPrefix(qn, []byte("xmlns:")) {
			continue
		}
		if i := bytes.LastIndexByte(qn, ':'); i >= 0 {
			a.n0 += i + 1
		}
		s.attrs = append(s.attrs, a)
	}
	s.stackOff = append(s.stackOff, len(s.stack))
	s.stack = append(s.stack, s.abuf[:nameLen]...)
	k := s.stackOff[len(s.stackOff)-1]
	s.name = s.stack[k:]
	s.local = localOf(s.name)
	return xmlStart
}

func (s *xmlScanner) endTag() xmlKind {
	s.abuf = s.abuf[:0]
	var ok bool
	if s.abuf, ok = s.readName(s.abuf, "an end tag"); !ok {
		return xmlEOF
	}
	c, _, ok := s.skipSpace()
	if !ok {
		s.eof("an end tag")
		return xmlEOF
	}
	if c != '>' {
		s.errorf("expected '>' in end tag </%s>, found %q", printable(s.abuf), c)
		return xmlEOF
	}
	s.pos++
	if len(s.stackOff) == 0 {
		s.errorf("end tag </%s> without a start tag", printable(s.abuf))
		return xmlEOF
	}
	k := s.stackOff[len(s.stackOff)-1]
	if !bytes.Equal(s.stack[k:], s.abuf) {
		s.errorf("end tag </%s> does not match <%s>", printable(s.abuf), s.stack[k:])
		return xmlEOF
	}
	s.name = s.abuf
	s.local = localOf(s.name)
	s.pop()
	return xmlEnd
}

// maxEntity bounds the length of an entity or character reference between
// '&' and ';' ("&#x10FFFF;" has 8).
const maxEntity = 10

var errEntity = errors.New("bad entity")

// entity decodes a reference after '&' and appends it to *dst.
func (s *xmlScanner) entity(dst *[]byte) bool {
	var ref [maxEntity]byte
	n := 0
	for {
		c, ok := s.readByte()
		if !ok {
			s.eof("an entity reference")
			return false
		}
		if c == ';' {
			break
		}
		if n == maxEntity || c == '<' || c == '&' || isSpace(c) {
			s.errorf("bad entity reference &%s (a literal '&' must be written &amp;)", printable(ref[:n]))
			return false
		}
		ref[n] = c
		n++
	}
	r, err := decodeEntity(ref[:n])
	if err != nil {
		s.errorf("bad entity reference &%s; (a literal '&' must be written &amp;)", printable(ref[:n]))
		return false
	}
	*dst = utf8.AppendRune(*dst, r)
	return true
}

// decodeEntity decodes the name or number between '&' and ';'.
func decodeEntity(ref []byte) (rune, error) {
	switch string(ref) {
	case "lt":
		return '<', nil
	case "gt":
		return '>', nil
	case "amp":
		return '&', nil
	case "quot":
		return '"', nil
	case "apos":
		return '\'', nil
	}
	if len(ref) < 2 || ref[0] != '#' {
		return 0, errEntity
	}
	digits, base := ref[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, errEntity
	}
	var r rune
	for _, c := range digits {
		var d rune
		switch {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, errEntity
		}
		r = r*base + d
		if r > utf8.MaxRune {
			return 0, errEntity
		}
	}
	// XML 1.0 Char production: no NUL, no surrogates
	if r == 0 || (0xD800 <= r && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF {
		return 0, errEntity
	}
	return r, nil
}

// printable quotes bytes for an error message, shortened.
func printable(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	q := strconv.Quote(string(b))
	return q[1 : len(q)-1]
}
