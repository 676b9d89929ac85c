package graph_test

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium finds a Chromium binary, or skips the test: .ci/run installs Debian's chromium, but a
// developer's machine may have none.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium on this machine (Debian: apt-get install chromium)")
	return ""
}

// browserLog collects what the page asked for and complained about.
type browserLog struct {
	mu       sync.Mutex
	requests []string
	problems []string
}

func (b *browserLog) add(list *[]string, s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	*list = append(*list, s)
}

func (b *browserLog) snapshot() (requests, problems []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.requests...), append([]string(nil), b.problems...)
}

// In headless Chromium cut off from every host but this machine: the playground loads from the
// binary alone, takes a bearer token, runs a query and shows the result; the dashboard shows the
// plan's indicators. With SWTALENT_SCREENSHOTS=1 the screenshots in docs/ are written again.
func TestBrowserPlaygroundAndDashboard(t *testing.T) {
	exe := chromium(t)
	e := newEnv(t, true)
	srv, err := url.Parse(e.srv.URL)
	if err != nil {
		t.Fatal(err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 860),
		// No name resolves except the test server's address: a request to a CDN would fail, and is
		// also caught below by the request log.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE "+srv.Hostname()),
		chromedp.Flag("proxy-server", "direct://"),
		chromedp.Flag("lang", "zh-CN"),
	)
	var seen browserLog
	listen := func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			u := ev.Request.URL
			if strings.HasPrefix(u, "data:") && len(u) > 40 {
				u = u[:40] + "…"
			}
			seen.add(&seen.requests, u)
		case *network.EventLoadingFailed:
			seen.add(&seen.problems, "loading failed: "+ev.ErrorText)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				seen.add(&seen.problems, "console: "+ev.Entry.Text)
			}
		case *runtime.EventExceptionThrown:
			seen.add(&seen.problems, "exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == "error" {
				seen.add(&seen.problems, "console.error")
			}
		}
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	tctx, cancelT := context.WithTimeout(actx, 120*time.Second)
	defer cancelT()
	ctx, cancel := chromedp.NewContext(tctx, chromedp.WithListener(listen))
	defer cancel()
	fail := func(what string, err error) {
		t.Helper()
		reqs, probs := seen.snapshot()
		t.Fatalf("%s: %v\nrequests: %v\nproblems: %v", what, err, reqs, probs)
	}

	// The playground: wait for GraphiQL, sign in with the token field, run a query that only a
	// signed-in viewer can answer.
	query := "# 已登录的账号与人员总数 / the signed-in account and the register's size\n" +
		"{\n  viewer {\n    username\n    role\n  }\n  persons(first: 1) {\n    totalCount\n  }\n}\n"
	err = chromedp.Do(ctx,
		chromedp.Navigate(e.srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-container .graphiql-query-editor .CodeMirror`)),
		chromedp.SendKeys(chromedp.ID("token"), e.token),
		chromedp.Click(chromedp.ID("token-apply")),
	)
	if err != nil {
		fail("open the playground", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(`+jsString(query)+`), true)`)); err != nil {
		fail("type the query", err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.graphiql-execute-button`))); err != nil {
		fail("run the query", err)
	}
	result, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const cm = document.querySelector('.result-window .CodeMirror');
		const v = cm && cm.CodeMirror.getValue(); return v && v.includes('"data"') ? v : null; })()`,
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		fail("read the result", err)
	}
	if !strings.Contains(result, `"username": "admin"`) || !strings.Contains(result, `"role": "ADMIN"`) || !strings.Contains(result, `"totalCount"`) {
		t.Fatalf("the query ran without the token, or failed:\n%s", result)
	}
	state, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("token-state")))
	if err != nil || !strings.Contains(state, "signed in") {
		t.Fatalf("token state %q: %v", state, err)
	}
	screenshot(t, ctx, "playground.png")

	// The dashboard: every indicator of the plan query, and the township table.
	want := len(planAt(e.as(""), "2026-01-15"))
	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/dashboard"), chromedp.WaitVisible(chromedp.ID("initiatives"))); err != nil {
		fail("open the dashboard", err)
	}
	indicators, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('tr[data-indicator]').length`))
	if err != nil {
		fail("count indicators", err)
	}
	townships, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#townships tr[data-region]').length`))
	if err != nil {
		fail("count townships", err)
	}
	certified, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`tr[data-indicator="certified_social_workers"]`)))
	if err != nil {
		fail("read the certified row", err)
	}
	if indicators != want || townships == 0 || !strings.Contains(certified, "持证") || !strings.Contains(certified, "超过 150") {
		t.Fatalf("dashboard shows %d indicators (want %d), %d townships; certified row %q", indicators, want, townships, certified)
	}
	screenshot(t, ctx, "dashboard.png")

	reqs, probs := seen.snapshot()
	for _, r := range reqs {
		if !strings.HasPrefix(r, e.srv.URL+"/") && !strings.HasPrefix(r, "data:") {
			t.Errorf("request left the machine: %s", r)
		}
	}
	for _, p := range probs {
		t.Errorf("browser reported: %s (requests: %v)", p, reqs)
	}
	if len(reqs) < 8 {
		t.Errorf("only %d requests seen: %v", len(reqs), reqs)
	}
}

// screenshot writes docs/<name> when SWTALENT_SCREENSHOTS=1, so that tests leave the tree clean.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if os.Getenv("SWTALENT_SCREENSHOTS") != "1" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join("..", "docs", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`)
	return "'" + r.Replace(s) + "'"
}
