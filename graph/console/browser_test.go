package console

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
)

// sampleStore builds the sample corpus into an in-memory store.
func sampleStore(t *testing.T) *graph.Store {
	t.Helper()
	st := graph.MustOpenMemory(t)
	if _, err := ingest.Build(context.Background(), st, extract.New(), []string{"../../data"}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	return st
}

// serve starts the console over st on a free loopback port.
func serve(t *testing.T, st *graph.Store, opts Options) string {
	t.Helper()
	h, err := New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// chromium finds the browser, or fails the test saying how to install it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("KG_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("the browser test needs Chromium: install it with `apt-get install chromium` (Debian) or set KG_CHROMIUM to its path; .ci/run installs it")
	return ""
}

// TestConsoleInBrowser drives headless Chromium, with no network but the loopback, against
// the console over the sample corpus: it loads with no console errors, its editor
// appears, a Gizmo query typed into it finds Marco Rubio among those who attended the
// summit, and the Visualize view draws a canned relations query.
func TestConsoleInBrowser(t *testing.T) {
	bin := chromium(t)
	url := serve(t, sampleStore(t), Options{})
	// Chromium's helper processes may still write to its profile for a moment after the
	// browser is closed, which would fail t.TempDir's cleanup: remove it with retries
	profile, err := os.MkdirTemp("", "kg-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for i := 0; i < 20; i++ {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(250 * time.Millisecond)
		}
		t.Logf("could not remove the browser profile %s", profile)
	})

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// no network but the server under test: every other host fails to resolve
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 1000),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	var mu sync.Mutex
	var errs []string
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				errs = append(errs, "console.error: "+strings.Join(parts, " "))
			}
		case *cdplog.EventEntryAdded:
			if strings.Contains(e.Entry.Text, "Content Security Policy") {
				errs = append(errs, "blocked by the page's security policy: "+e.Entry.Text)
			}
		case *runtime.EventExceptionThrown:
			errs = append(errs, "exception: "+e.ExceptionDetails.Error())
		}
	})

	shot := filepath.Join(t.TempDir(), "console.png")
	var buf []byte
	var results string
	query := `g.V("<ent:Alaska_summit>").In("<attended>").Unique().Out("<schema:name>").Unique().All()`
	err = chromedp.Run(ctx, cdplog.Enable(),
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible(`.monaco-editor`, chromedp.ByQuery),
		chromedp.Evaluate(fmt.Sprintf(`monaco.editor.getModels()[0].setValue(%q)`, query), nil),
		chromedp.Click(`//button[normalize-space(.)="play_circle_filledRun" or contains(., "Run")]`, chromedp.BySearch),
		chromedp.Poll(`monaco.editor.getModels().some(function (m) { return m.getValue().includes("Marco Rubio") })`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`document.body.innerText`, &results),
		chromedp.FullScreenshot(&buf, 100),
	)
	if err != nil {
		failShot(ctx, t)
		t.Fatalf("console query: %v\nerrors: %v", err, errs)
	}
	if err := os.WriteFile(shot, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("KG_SCREENSHOTS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "console-query.png"), buf, 0o644)
	}
	t.Logf("screenshot: %s", shot)

	// the graph view of a canned relations query, opened from the /ask page, which fills
	// the console's editor with the query's Gizmo text
	var circles int
	err = chromedp.Run(ctx,
		chromedp.Navigate(url+"/ask"),
		chromedp.WaitVisible(`#q-attended .open`, chromedp.ByQuery),
		chromedp.SetValue(`#q-attended input[name=event]`, "the summit", chromedp.ByQuery),
		chromedp.Click(`#q-attended .open`, chromedp.ByQuery),
		chromedp.WaitVisible(`.monaco-editor`, chromedp.ByQuery),
		chromedp.Click(`//*[normalize-space(text())="Visualize"]`, chromedp.BySearch),
		chromedp.WaitVisible(`.monaco-editor`, chromedp.ByQuery),
		chromedp.Poll(`monaco.editor.getModels().some(function (m) { return m.getValue().includes("kgGroup") })`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Click(`//button[contains(., "Run")]`, chromedp.BySearch),
		chromedp.Poll(`document.querySelectorAll("svg circle").length > 1`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`document.querySelectorAll("svg circle").length`, &circles),
		chromedp.Sleep(4*time.Second), // let the force layout settle
		chromedp.FullScreenshot(&buf, 100),
	)
	if err != nil {
		failShot(ctx, t)
		t.Fatalf("visualize: %v\nerrors: %v", err, errs)
	}
	os.WriteFile(filepath.Join(filepath.Dir(shot), "visualize.png"), buf, 0o644)
	if os.Getenv("KG_SCREENSHOTS") != "" {
		os.WriteFile(filepath.Join(os.Getenv("KG_SCREENSHOTS"), "console-visualize.png"), buf, 0o644)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(errs) > 0 {
		t.Errorf("the console logged errors:\n%s", strings.Join(errs, "\n"))
	}
	t.Logf("visualize drew %d nodes", circles)
}

func fetchText(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s %s", url, resp.Status, b.String())
	}
	return b.String()
}

// failShot saves what the browser shows when a step fails, for the test log.
func failShot(ctx context.Context, t *testing.T) {
	var buf []byte
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&buf)); err != nil {
		t.Logf("no screenshot of the failure: %v", err)
		return
	}
	p := filepath.Join(os.TempDir(), "kg-console-failure.png")
	os.WriteFile(p, buf, 0o644)
	t.Logf("screenshot of the failure: %s", p)
}
