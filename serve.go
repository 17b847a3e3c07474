// Command serve serves the static app in site/ for local use:
//
//	go run serve.go -addr 127.0.0.1:8080
//
// It serves only regular files inside the folder (no path outside it, no
// dotfiles, no directory listings), with the MIME type of .wasm and .mjs set
// explicitly, gzip compression of text and wasm (compressed once per file
// version and kept in memory), and a Content-Security-Policy that lets the
// WebAssembly module run ('wasm-unsafe-eval') but loads no script, style,
// font or worker from anywhere but the site itself. With -addr host:0 it picks
// a free port and prints the address it listens on.
package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"
)

// csp is the Content-Security-Policy of every response. 'wasm-unsafe-eval'
// allows WebAssembly.instantiate and nothing else of eval; blob: is not
// allowed, so workers come from the site's own files.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
	"style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors *"

// compressible lists the extensions worth gzipping.
var compressible = map[string]bool{
	".wasm": true, ".js": true, ".mjs": true, ".html": true, ".css": true,
	".json": true, ".svg": true, ".txt": true, ".md": true, ".webmanifest": true,
}

// types are set explicitly so the server does not depend on the machine's
// MIME tables (the wasm streaming compiler requires application/wasm).
var types = map[string]string{
	".wasm":        "application/wasm",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".json":        "application/json",
	".svg":         "image/svg+xml",
	".webmanifest": "application/manifest+json",
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (host:0 picks a free port)")
	dir := flag.String("dir", "site", "folder to serve")
	flag.Parse()
	h, err := newSiteHandler(*dir)
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	go h.warm() // compress the wasm before the first visitor asks for it
	// The first line of stdout is the URL (scripts that pass port 0 read it).
	fmt.Printf("serving %s on http://%s/\n", *dir, ln.Addr())
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}

// siteHandler serves the files of one folder.
type siteHandler struct {
	root *os.Root
	mu   sync.Mutex
	gz   map[string]gzEntry // path -> gzipped body of one file version
}

type gzEntry struct {
	mod  time.Time
	size int64
	body []byte
}

func newSiteHandler(dir string) (*siteHandler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("serve: %v (run `make site` first, from the repository root)", err)
	}
	return &siteHandler{root: root, gz: map[string]gzEntry{}}, nil
}

// warm fills the gzip cache for the .wasm files at the top of the folder.
func (h *siteHandler) warm() {
	ents, err := fs.ReadDir(h.root.FS(), ".")
	if err != nil {
		return
	}
	for _, e := range ents {
		if e.Type().IsRegular() && path.Ext(e.Name()) == ".wasm" {
			f, err := h.root.Open(e.Name())
			if err != nil {
				continue
			}
			if st, err := f.Stat(); err == nil {
				_, _ = h.gzipped(e.Name(), f, st)
			}
			f.Close()
		}
	}
}

// clean maps a URL path to a file name inside the root, refusing dotfiles
// and anything that is not a plain relative path.
func clean(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.Contains(urlPath, "\\") || strings.ContainsRune(urlPath, 0) {
		return "", false
	}
	for _, seg := range strings.Split(urlPath[1:], "/") {
		if strings.HasPrefix(seg, ".") {
			return "", false // dotfiles, "..", "."
		}
	}
	p := path.Clean(urlPath)[1:]
	if p == "" || strings.HasSuffix(urlPath, "/") {
		p = path.Join(p, "index.html")
	}
	return p, true
}

func (h *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := clean(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	f, err := h.root.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	ext := path.Ext(name)
	ctype := types[ext]
	if ctype == "" {
		ctype = mime.TypeByExtension(ext)
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	hd.Set("Content-Type", ctype)
	// Revalidate every time: cheap on localhost (304), and a rebuilt wasm is
	// picked up at once; the service worker keeps the offline copy.
	hd.Set("Cache-Control", "no-cache")
	etag := fmt.Sprintf(`"%x-%x"`, st.ModTime().UnixNano(), st.Size())
	if compressible[ext] {
		hd.Add("Vary", "Accept-Encoding")
		// A precompressed sibling (name.br, name.gz; e.g. made by brotli or
		// zopfli at build time) no older than the file is served as is.
		for _, pc := range []struct{ suffix, enc string }{{".br", "br"}, {".gz", "gzip"}} {
			if !accepts(r, pc.enc) {
				continue
			}
			pf, err := h.root.Open(name + pc.suffix)
			if err != nil {
				continue
			}
			pst, err := pf.Stat()
			if err != nil || !pst.Mode().IsRegular() || pst.ModTime().Before(st.ModTime()) {
				pf.Close()
				continue
			}
			defer pf.Close()
			hd.Set("Content-Encoding", pc.enc)
			hd.Set("ETag", strings.TrimSuffix(etag, `"`)+"-"+pc.enc+`"`)
			http.ServeContent(w, r, "", st.ModTime(), pf)
			return
		}
		if accepts(r, "gzip") {
			body, err := h.gzipped(name, f, st)
			if err == nil {
				hd.Set("Content-Encoding", "gzip")
				hd.Set("ETag", strings.TrimSuffix(etag, `"`)+`-gz"`)
				http.ServeContent(w, r, "", st.ModTime(), bytes.NewReader(body))
				return
			}
			log.Printf("serve: gzip %s: %v", name, err)
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				http.Error(w, "read error", http.StatusInternalServerError)
				return
			}
		}
	}
	hd.Set("ETag", etag)
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// accepts reports whether the request accepts the content coding enc with a
// non-zero q.
func accepts(r *http.Request, enc string) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		e, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(e), enc) {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// gzipped returns the gzip body of the file, compressed once per version.
func (h *siteHandler) gzipped(name string, f fs.File, st fs.FileInfo) ([]byte, error) {
	h.mu.Lock()
	e, ok := h.gz[name]
	h.mu.Unlock()
	if ok && e.mod.Equal(st.ModTime()) && e.size == st.Size() {
		return e.body, nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	n, err := io.Copy(zw, f)
	if err != nil {
		return nil, err
	}
	if n != st.Size() {
		return nil, errors.New("file changed while reading")
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	h.mu.Lock()
	h.gz[name] = gzEntry{mod: st.ModTime(), size: st.Size(), body: buf.Bytes()}
	h.mu.Unlock()
	return buf.Bytes(), nil
}
