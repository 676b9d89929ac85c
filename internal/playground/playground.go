// Package playground serves the GraphQL playground (GraphiQL) entirely from the binary: the
// browser builds of graphiql, react and react-dom are copied from pinned npm packages by
// tools/playground/fetch.sh into assets/ and embedded here, so the page loads nothing from
// outside the machine and works on networks that cannot reach a public CDN.
package playground

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed assets static
var files embed.FS

// pageTemplate is the page; it is embedded, so a parse error is a build defect caught by the tests.
var pageTemplate = template.Must(template.ParseFS(files, "static/index.html"))

// AssetPrefix is the path under which the page's scripts and styles are served.
const AssetPrefix = "/playground/"

// ContentSecurityPolicy is the policy the page is served with: scripts and styles only from this
// server, requests only to this server, fonts and images inline (the stylesheet embeds its fonts
// as data: URLs), no frames, no plugins.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self' data:; " +
	"img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// asset is one embedded file with its content hash (its ETag).
type asset struct {
	body []byte
	etag string
}

// Handler serves the playground page at "/" and its assets under AssetPrefix.
type Handler struct {
	page   []byte
	assets map[string]asset
}

// New returns the playground for the GraphQL endpoint at endpoint (a path on this server, such as
// "/graphql"), titled title.
func New(title, endpoint string) *Handler {
	var page bytes.Buffer
	// Executing into a buffer with string data cannot fail; html/template escapes both values.
	_ = pageTemplate.Execute(&page, map[string]string{"Title": title, "Endpoint": endpoint, "Prefix": AssetPrefix})
	h := &Handler{page: page.Bytes(), assets: map[string]asset{}}
	for _, dir := range []string{"assets", "static"} {
		entries, _ := fs.ReadDir(files, dir) // embedded directories: always readable
		for _, e := range entries {
			if e.Name() == "index.html" || e.Name() == "SHA256SUMS" {
				continue
			}
			b, _ := files.ReadFile(dir + "/" + e.Name())
			sum := sha256.Sum256(b)
			h.assets[e.Name()] = asset{body: b, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
		}
	}
	return h
}

// ServeHTTP answers the page for "/" and an asset for AssetPrefix + name; anything else is 404.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
	if r.URL.Path == "/" {
		hdr.Set("Content-Type", "text/html; charset=utf-8")
		hdr.Set("Content-Security-Policy", ContentSecurityPolicy)
		hdr.Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(h.page))
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, AssetPrefix)
	a, found := h.assets[name]
	if !ok || !found {
		http.NotFound(w, r)
		return
	}
	switch path.Ext(name) {
	case ".js":
		hdr.Set("Content-Type", "text/javascript; charset=utf-8")
	case ".css":
		hdr.Set("Content-Type", "text/css; charset=utf-8")
	default:
		hdr.Set("Content-Type", "text/plain; charset=utf-8")
	}
	hdr.Set("ETag", a.etag)
	hdr.Set("Cache-Control", "no-cache") // revalidated by ETag: an upgraded binary never serves stale scripts
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
}
