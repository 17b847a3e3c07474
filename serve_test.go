package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newTestSite makes a site folder with a page, a wasm file, a dotfile, a
// subfolder and a secret file next to (outside) the folder.
func newTestSite(t *testing.T) (*httptest.Server, []byte) {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "site")
	wasm := bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 wiodlab "), 4096)
	files := map[string][]byte{
		"site/index.html":   []byte("<!doctype html><title>wiodlab</title>"),
		"site/wiodlab.wasm": wasm,
		"site/app.mjs":      []byte("export const x = 1;\n"),
		"site/.env":         []byte("SECRET=1"),
		"site/sub/a.css":    []byte("body{}"),
		"secret.txt":        []byte("outside"),
	}
	for name, b := range files {
		p := filepath.Join(base, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A symlink that points outside the folder must not be followed.
	if err := os.Symlink(filepath.Join(base, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	h, err := newSiteHandler(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, wasm
}

func get(t *testing.T, url string, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	// A bare transport: no transparent gzip decoding, so the test sees the
	// bytes on the wire.
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func TestServeFiles(t *testing.T) {
	srv, wasm := newTestSite(t)
	for _, tc := range []struct {
		path, ctype string
	}{
		{"/", "text/html; charset=utf-8"},
		{"/index.html", "text/html; charset=utf-8"},
		{"/wiodlab.wasm", "application/wasm"},
		{"/app.mjs", "text/javascript; charset=utf-8"},
		{"/sub/a.css", "text/css; charset=utf-8"},
	} {
		resp, _ := get(t, srv.URL+tc.path, nil)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: status %d, want 200", tc.path, resp.StatusCode)
		}
		if got := resp.Header.Get("Content-Type"); got != tc.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tc.path, got, tc.ctype)
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self' 'wasm-unsafe-eval'") || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
			t.Errorf("GET %s: CSP %q must allow wasm and only the site's own scripts", tc.path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: missing X-Content-Type-Options: nosniff", tc.path)
		}
	}
	// Uncompressed, the wasm comes back byte for byte.
	resp, body := get(t, srv.URL+"/wiodlab.wasm", nil)
	if resp.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, wasm) {
		t.Errorf("plain GET of the wasm: encoding %q, %d bytes, want the %d bytes of the file", resp.Header.Get("Content-Encoding"), len(body), len(wasm))
	}
}

func TestServeGzip(t *testing.T) {
	srv, wasm := newTestSite(t)
	for round := range 2 { // the second round comes from the in-memory cache
		resp, body := get(t, srv.URL+"/wiodlab.wasm", map[string]string{"Accept-Encoding": "br, gzip"})
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("round %d: Content-Encoding %q, want gzip", round, resp.Header.Get("Content-Encoding"))
		}
		if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("round %d: Vary %q lacks Accept-Encoding", round, resp.Header.Get("Vary"))
		}
		if len(body) >= len(wasm)/4 {
			t.Errorf("round %d: gzip body %d bytes for a %d-byte repetitive file", round, len(body), len(wasm))
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(plain, wasm) {
			t.Fatalf("round %d: gunzipped body differs from the file (err %v)", round, err)
		}
	}
	// warm fills the cache for the wasm.
	h := srv.Config.Handler.(*siteHandler)
	h.gz = map[string]gzEntry{}
	h.warm()
	if e, ok := h.gz["wiodlab.wasm"]; !ok || len(e.body) == 0 {
		t.Errorf("warm did not compress wiodlab.wasm")
	}
	// gzip;q=0 refuses gzip.
	resp, _ := get(t, srv.URL+"/wiodlab.wasm", map[string]string{"Accept-Encoding": "gzip;q=0"})
	if resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("gzip;q=0: got Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	// Conditional GET with the ETag gives 304.
	resp, _ = get(t, srv.URL+"/index.html", map[string]string{"Accept-Encoding": "gzip"})
	etag := resp.Header.Get("ETag")
	resp, _ = get(t, srv.URL+"/index.html", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": etag})
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match %s: status %d, want 304", etag, resp.StatusCode)
	}
}

func TestServePrecompressed(t *testing.T) {
	srv, wasm := newTestSite(t)
	dir := filepath.Join(filepath.Dir(srv.Config.Handler.(*siteHandler).root.Name()), "site")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(wasm)
	zw.Close()
	if err := os.WriteFile(filepath.Join(dir, "wiodlab.wasm.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "wiodlab.wasm.br"), []byte("BROTLI"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ accept, enc, body string }{
		{"gzip, br", "br", "BROTLI"},
		{"gzip", "gzip", gz.String()},
		{"br;q=0, gzip", "gzip", gz.String()},
	} {
		resp, body := get(t, srv.URL+"/wiodlab.wasm", map[string]string{"Accept-Encoding": tc.accept})
		if resp.Header.Get("Content-Encoding") != tc.enc || string(body) != tc.body || resp.Header.Get("Content-Type") != "application/wasm" {
			t.Errorf("Accept-Encoding %q: encoding %q type %q, %d bytes; want %q, the precompressed file", tc.accept, resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"), len(body), tc.enc)
		}
	}
	// A stale sibling (older than the file) is ignored.
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "wiodlab.wasm.br"), old, old)
	os.Chtimes(filepath.Join(dir, "wiodlab.wasm.gz"), old, old)
	resp, body := get(t, srv.URL+"/wiodlab.wasm", map[string]string{"Accept-Encoding": "br, gzip"})
	if resp.Header.Get("Content-Encoding") != "gzip" || string(body) == "BROTLI" {
		t.Errorf("stale precompressed file served: encoding %q", resp.Header.Get("Content-Encoding"))
	}
}

func TestServeRefuses(t *testing.T) {
	srv, _ := newTestSite(t)
	for _, p := range []string{
		"/.env", "/../secret.txt", "/%2e%2e/secret.txt", "/sub/../../secret.txt", "/..%2fsecret.txt",
		"/link.txt", "/sub", "/sub/", "/missing.js", "/.git/config", "/sub/.hidden", "/..\\secret.txt",
	} {
		req, err := http.NewRequest("GET", srv.URL+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.Opaque = p // sent as is, not cleaned by the client
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusBadRequest && resp.StatusCode/100 != 3 {
			t.Errorf("GET %s: status %d, want 404/400", p, resp.StatusCode)
		}
		if bytes.Contains(b, []byte("outside")) || bytes.Contains(b, []byte("SECRET")) {
			t.Errorf("GET %s leaked a file outside the site or a dotfile: %q", p, b)
		}
	}
	req, _ := http.NewRequest("POST", srv.URL+"/index.html", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", resp.StatusCode)
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"/", "index.html", true},
		{"/a/b.js", "a/b.js", true},
		{"/a//b.js", "a/b.js", true},
		{"/a/", "a/index.html", true},
		{"/../x", "", false},
		{"/.x", "", false},
		{"/a/./b", "", false},
		{"x", "", false},
		{"/a\\..\\b", "", false},
	} {
		got, ok := clean(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("clean(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
