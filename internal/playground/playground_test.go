package playground

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, path string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The embedded copies are exactly what fetch.sh copied from the locked npm packages.
func TestAssetsMatchChecksums(t *testing.T) {
	sums, err := files.ReadFile("assets/SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(sums))
	n := 0
	for sc.Scan() {
		want, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("bad SHA256SUMS line %q", sc.Text())
		}
		b, err := files.ReadFile("assets/" + name)
		if err != nil {
			t.Fatalf("%s is listed but not embedded: %v", name, err)
		}
		got := sha256.Sum256(b)
		if hex.EncodeToString(got[:]) != want {
			t.Errorf("%s differs from the copy fetch.sh made; run tools/playground/fetch.sh", name)
		}
		n++
	}
	for _, name := range []string{"graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js",
		"LICENSE.graphiql", "LICENSE.react", "LICENSE.react-dom"} {
		if !strings.Contains(string(sums), "  "+name+"\n") {
			t.Errorf("SHA256SUMS does not list %s", name)
		}
	}
	if n != 7 {
		t.Errorf("SHA256SUMS lists %d files, want 7", n)
	}
}

// The page and every script and style it loads come from this server, under a strict policy.
func TestPageLoadsOnlyLocalAssets(t *testing.T) {
	h := New("swtalent <测试>", "/graphql")
	res := get(t, h, "/")
	page := body(t, res)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Security-Policy") != ContentSecurityPolicy {
		t.Fatalf("page: %d, CSP %q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
	}
	if !strings.Contains(page, "<title>swtalent &lt;测试&gt;</title>") || !strings.Contains(page, `data-endpoint="/graphql"`) {
		t.Fatalf("page does not carry its title and endpoint:\n%s", page)
	}
	if strings.Contains(page, "<script>") || strings.Contains(page, "style=") {
		t.Fatal("inline script or style would need a weaker policy")
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(page, -1)
	loaded := 0
	for _, m := range refs {
		ref := m[1]
		if ref == "/dashboard" || ref == "data:," {
			continue
		}
		if !strings.HasPrefix(ref, AssetPrefix) {
			t.Fatalf("page refers to %q outside %s", ref, AssetPrefix)
		}
		a := get(t, h, ref)
		text := body(t, a)
		if a.StatusCode != http.StatusOK || a.Header.Get("ETag") == "" {
			t.Fatalf("%s: %d, ETag %q", ref, a.StatusCode, a.Header.Get("ETag"))
		}
		ct := a.Header.Get("Content-Type")
		if (strings.HasSuffix(ref, ".js") && !strings.HasPrefix(ct, "text/javascript")) || (strings.HasSuffix(ref, ".css") && !strings.HasPrefix(ct, "text/css")) {
			t.Fatalf("%s served as %q", ref, ct)
		}
		if strings.HasSuffix(ref, ".css") && regexp.MustCompile(`(@import|url\()\s*['"]?(https?:)?//`).MatchString(text) {
			t.Fatalf("%s loads a remote resource", ref)
		}
		loaded++
	}
	if loaded != 6 {
		t.Fatalf("page loads %d assets, want 6 (react, react-dom, graphiql js+css, playground js+css)", loaded)
	}
	if get(t, h, AssetPrefix+"SHA256SUMS").StatusCode != http.StatusNotFound || get(t, h, AssetPrefix+"index.html").StatusCode != http.StatusNotFound ||
		get(t, h, AssetPrefix+"../static/index.html").StatusCode != http.StatusNotFound {
		t.Fatal("only the page's assets are served")
	}
	again := httptest.NewRequest(http.MethodGet, AssetPrefix+"graphiql.min.js", nil)
	again.Header.Set("If-None-Match", get(t, h, AssetPrefix+"graphiql.min.js").Header.Get("ETag"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, again)
	if rec.Code != http.StatusNotModified {
		t.Fatalf("revalidation: %d, want 304", rec.Code)
	}
}
