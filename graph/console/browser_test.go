package console

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
	"github.com/kg-news/kg/internal/testenv"
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

// browser is headless Chromium with no network but the loopback, and the errors its
// pages log.
type browser struct {
	ctx  context.Context
	mu   sync.Mutex
	errs []string
}

func newBrowser(t *testing.T, timeout time.Duration) *browser {
	t.Helper()
	bin := testenv.NeedsTool(t, testenv.Chromium)
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
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, timeout)
	t.Cleanup(cancel)
	b := &browser{ctx: ctx}
	if err := chromedp.Run(ctx, cdplog.Enable()); err != nil { // the log says what a security policy blocks
		t.Fatal(err)
	}
	chromedp.ListenTarget(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				b.errs = append(b.errs, "console.error: "+strings.Join(parts, " "))
			}
		case *cdplog.EventEntryAdded:
			if strings.Contains(e.Entry.Text, "Content Security Policy") {
				b.errs = append(b.errs, "blocked by the page's security policy: "+e.Entry.Text)
			}
		case *runtime.EventExceptionThrown:
			msg := e.ExceptionDetails.Error()
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			// Monaco 0.18's JSON worker asks for the folding ranges of a result model
			// the console has already replaced, and throws in the worker: Monaco's race,
			// not the console's
			if strings.Contains(msg, "jsonWorker.js") && strings.Contains(msg, "getFoldingRanges") {
				return
			}
			b.errs = append(b.errs, "exception: "+msg)
		}
	})
	return b
}

// run runs the actions, and on failure saves what the browser shows and fails the test.
func (b *browser) run(t *testing.T, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		failShot(b.ctx, t)
		t.Fatalf("%s: %v\nerrors: %v", what, err, b.errors())
	}
}

func (b *browser) errors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errs...)
}

// screenshot keeps a screenshot in the test's log folder and, when KG_SCREENSHOTS names a
// folder (docs/ to refresh the README's pictures), there too.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	var buf []byte
	b.run(t, "screenshot "+name, chromedp.FullScreenshot(&buf, 100))
	p := filepath.Join(t.TempDir(), name)
	os.WriteFile(p, buf, 0o644)
	t.Logf("screenshot: %s", p)
	if dir := os.Getenv("KG_SCREENSHOTS"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
			t.Error(err)
		}
	}
}

// wheel turns the mouse wheel over the graph's canvas by notches, towards the screen
// (zooming in) when notches is positive.
func wheel(notches int) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var box []float64
		if err := chromedp.Evaluate(`(function(){var r=document.getElementById("kg-cy").getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2]})()`, &box).Do(ctx); err != nil {
			return err
		}
		dy, n := -120.0, notches
		if n < 0 {
			dy, n = 120, -n
		}
		for i := 0; i < n; i++ {
			if err := input.DispatchMouseEvent(input.MouseWheel, box[0], box[1]).WithDeltaX(0).WithDeltaY(dy).Do(ctx); err != nil {
				return err
			}
			time.Sleep(30 * time.Millisecond)
		}
		return nil
	})
}

// openInConsole fills a canned question's form on /ask and opens it in the console.
func openInConsole(url, query string, values map[string]string) chromedp.Tasks {
	tasks := chromedp.Tasks{
		chromedp.Navigate(url + "/ask"),
		chromedp.WaitVisible(`#q-`+query+` .open`, chromedp.ByQuery),
	}
	for k, v := range values {
		tasks = append(tasks, chromedp.SetValue(`#q-`+query+` input[name=`+k+`]`, v, chromedp.ByQuery))
	}
	return append(tasks,
		chromedp.Click(`#q-`+query+` .open`, chromedp.ByQuery),
		chromedp.WaitVisible(`.monaco-editor`, chromedp.ByQuery),
	)
}

// visualize switches the console to Visualize, runs the editor's query and waits for the
// graph to be drawn.
func visualize() chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Click(`//*[normalize-space(text())="Visualize"]`, chromedp.BySearch),
		chromedp.WaitVisible(`.monaco-editor`, chromedp.ByQuery),
		chromedp.Evaluate(`window.kgCy = null`, nil),
		chromedp.Click(`//button[contains(., "Run")]`, chromedp.BySearch),
		chromedp.Poll(`!!(window.kgCy && kgCy.nodes().length > 1)`, nil, chromedp.WithPollingTimeout(60*time.Second)),
		chromedp.Sleep(500 * time.Millisecond),
	}
}

// TestConsoleInBrowser drives headless Chromium against the console over the sample
// corpus: it loads with no errors; a Gizmo query typed into the editor finds Marco Rubio
// among those who attended the summit; a canned question opened from /ask shows its own
// lines with the library folded; Visualize draws it with names, verbs, colours and a
// legend, and zooms; Query Shape and Write say what they do not do; an unknown name reads
// as a sentence.
func TestConsoleInBrowser(t *testing.T) {
	b := newBrowser(t, 120*time.Second)
	url := serve(t, sampleStore(t), Options{})

	var results string
	query := `g.V("<ent:Alaska_Summit>").In("<attended>").Unique().Out("<schema:name>").Unique().All()`
	b.run(t, "console query",
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible(`.monaco-editor`, chromedp.ByQuery),
		chromedp.Evaluate(fmt.Sprintf(`monaco.editor.getModels()[0].setValue(%q)`, query), nil),
		chromedp.Click(`//button[contains(., "Run")]`, chromedp.BySearch),
		chromedp.Poll(`monaco.editor.getModels().some(function (m) { return m.getValue().includes("Marco Rubio") })`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`document.body.innerText`, &results),
	)
	b.screenshot(t, "console-query.png")

	// the canned question in the editor: its own lines in view, the library folded
	var visible string
	b.run(t, "open in console",
		openInConsole(url, "attended", map[string]string{"event": "the summit"}),
		chromedp.Poll(`monaco.editor.getModels().some(function (m) { return m.getValue().includes("//#region kg library") })`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Poll(`document.querySelector(".monaco-editor .view-lines").innerText.includes("kgFind(params.eventKey")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`document.querySelector(".monaco-editor .view-lines").innerText`, &visible),
	)
	if strings.Contains(visible, "function kgVal") {
		t.Errorf("the library is not folded:\n%s", visible)
	}

	var labels, verbs, legend string
	var colours int
	var zoom0, zoom1 float64
	b.run(t, "visualize",
		visualize(),
		chromedp.Evaluate(`kgCy.nodes().map(function (n) { return n.data("name") }).join("|")`, &labels),
		chromedp.Evaluate(`kgCy.edges().map(function (e) { return e.data("label") }).join("|")`, &verbs),
		chromedp.Evaluate(`new Set(kgCy.nodes().map(function (n) { return n.data("color") })).size`, &colours),
		chromedp.Evaluate(`document.getElementById("kg-legend").innerText`, &legend),
		chromedp.Evaluate(`kgCy.zoom()`, &zoom0),
		wheel(10),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`kgCy.zoom()`, &zoom1),
	)
	if !strings.Contains(labels, "Marco Rubio") || strings.Contains(labels, "ent:") {
		t.Errorf("node labels are not the names: %s", labels)
	}
	if !strings.Contains(verbs, "attended") {
		t.Errorf("edges lack the verb: %s", verbs)
	}
	if colours < 2 || !strings.Contains(legend, "Person") || !strings.Contains(legend, "Event") {
		t.Errorf("%d colours, legend %q", colours, legend)
	}
	if zoom1 <= zoom0 {
		t.Errorf("the mouse wheel did not zoom in: %.2f then %.2f", zoom0, zoom1)
	}
	b.run(t, "fit", chromedp.Click(`#kg-fit`, chromedp.ByID), chromedp.Sleep(300*time.Millisecond))
	b.screenshot(t, "console-visualize.png")

	// a raw query that returns nodes and no edges: drawn, with the relations among them
	var edges int
	b.run(t, "visualize nodes",
		chromedp.Evaluate(fmt.Sprintf(`monaco.editor.getModels()[0].setValue(%q)`, `g.V("<ent:Vladimir_Putin>", "<ent:Donald_Trump>", "<ent:Marco_Rubio>").All()`), nil),
		chromedp.Evaluate(`window.kgCy = null`, nil),
		chromedp.Click(`//button[contains(., "Run")]`, chromedp.BySearch),
		chromedp.Poll(`!!(window.kgCy && kgCy.nodes().length == 3)`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`kgCy.edges().length`, &edges),
	)
	if edges == 0 {
		t.Errorf("no relations drawn among Putin, Trump and Rubio")
	}

	var shape, write string
	b.run(t, "query shape and write",
		chromedp.Click(`//*[normalize-space(text())="Query Shape"]`, chromedp.BySearch),
		chromedp.WaitVisible(`#kg-banner`, chromedp.ByID),
		chromedp.Click(`//button[contains(., "Run")]`, chromedp.BySearch),
		chromedp.Sleep(500*time.Millisecond),
		chromedp.Evaluate(`document.getElementById("kg-banner").innerText`, &shape),
		chromedp.Click(`//*[normalize-space(text())="Write"]`, chromedp.BySearch),
		chromedp.Poll(`document.getElementById("kg-banner") && document.getElementById("kg-banner").innerText.includes("read-only")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`document.getElementById("kg-banner").innerText`, &write),
		chromedp.Click(`//button[contains(., "Run")]`, chromedp.BySearch),
		chromedp.Poll(`document.getElementById("kg-toast") && document.getElementById("kg-toast").innerText.includes("read-only")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if !strings.Contains(shape, "does not support Query Shape") || !strings.Contains(write, "read-only") {
		t.Errorf("Query Shape says %q, Write says %q", shape, write)
	}

	// /ask: the columns in reading order, an unknown name as a sentence
	var heads, errText string
	b.run(t, "ask page",
		chromedp.Navigate(url+"/ask"),
		chromedp.WaitVisible(`#q-who button[type=submit]`, chromedp.ByQuery),
		chromedp.Click(`#q-who button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#q-who table`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#q-who th")).map(function (h) { return h.innerText }).join(",")`, &heads),
		chromedp.SetValue(`#q-profile input[name=name]`, "Putn", chromedp.ByQuery),
		chromedp.Click(`#q-profile button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#q-profile .error`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("#q-profile .error").innerText`, &errText),
	)
	if heads != "subject,verb,object,evidence,articles" {
		t.Errorf("the answer's columns are %s", heads)
	}
	if strings.Contains(errText, "<eval>") || !strings.Contains(errText, `nothing in the graph is known as "Putn"`) {
		t.Errorf("the error reads %q", errText)
	}
	b.screenshot(t, "ask.png")
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("the console logged errors:\n%s", strings.Join(errs, "\n"))
	}
}

// bbcCorpus returns the shared BBC corpus folder, or skips the test where it is absent.
func bbcCorpus(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("KG_BBC_CORPUS")
	if dir == "" {
		dir = "../../../shared/corpus/bbc"
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("BBC corpus not found at %s (set KG_BBC_CORPUS)", dir)
	}
	return dir
}

// TestVisualizeBBC draws the neighbours of the BBC corpus's best-connected entity (the
// first of the top question, Tony Blair when this was written): names, verbs, colours and
// a legend; more nodes than the limit, so the message says how many it shows; the wheel
// zooms. Its screenshots are the README's. On /ask the same answer comes 20 rows a page.
func TestVisualizeBBC(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the BBC corpus")
	}
	corpus := bbcCorpus(t)
	b := newBrowser(t, 240*time.Second)
	st, err := graph.Open(context.Background(), graph.Config{Path: filepath.Join(t.TempDir(), "bbc.db"), NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.Build(context.Background(), st, extract.New(), []string{corpus}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	url := serve(t, st, Options{})
	top, err := st.Top(context.Background(), 1)
	if err != nil || len(top) == 0 {
		t.Fatalf("top: %v %v", top, err)
	}
	hub := top[0].Name

	var labels, verbs, legend, msg string
	var colours, nodes int
	var zoom0, zoom1 float64
	b.run(t, "visualize the BBC store",
		openInConsole(url, "neighbours", map[string]string{"name": hub}),
		visualize(),
		chromedp.Evaluate(`kgCy.nodes().length`, &nodes),
		chromedp.Evaluate(`kgCy.nodes().map(function (n) { return n.data("name") }).join("|")`, &labels),
		chromedp.Evaluate(`kgCy.edges().map(function (e) { return e.data("label") }).join("|")`, &verbs),
		chromedp.Evaluate(`new Set(kgCy.nodes().map(function (n) { return n.data("color") })).size`, &colours),
		chromedp.Evaluate(`document.getElementById("kg-legend").innerText`, &legend),
		chromedp.Evaluate(`document.getElementById("kg-message").innerText`, &msg),
	)
	b.screenshot(t, "console-visualize-bbc.png")
	b.run(t, "zoom",
		chromedp.Evaluate(`kgCy.zoom()`, &zoom0),
		wheel(20),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`kgCy.zoom()`, &zoom1),
	)
	b.screenshot(t, "console-visualize-bbc-zoomed.png")
	t.Logf("%d nodes; %s", nodes, msg)
	if nodes != 50 || !strings.Contains(msg, "showing the 50 best-connected of ") || !strings.Contains(msg, "narrow the query") {
		t.Errorf("%d nodes drawn, message %q; want the 50 best-connected and a message saying so", nodes, msg)
	}
	if !strings.Contains(labels, hub) || strings.Contains(labels, "ent:") {
		t.Errorf("labels are not names: %.300s", labels)
	}
	if strings.Trim(verbs, "|") == "" {
		t.Errorf("edges carry no verbs")
	}
	if colours < 2 || !strings.Contains(legend, "Person") {
		t.Errorf("%d colours, legend %q", colours, legend)
	}
	if zoom1 <= zoom0*1.2 {
		t.Errorf("the wheel did not zoom in: %.2f then %.2f", zoom0, zoom1)
	}
	// the long answer on /ask comes in pages
	var pager string
	var rows int
	b.run(t, "a long answer on /ask",
		chromedp.Navigate(url+"/ask"),
		chromedp.WaitVisible(`#q-neighbours button[type=submit]`, chromedp.ByQuery),
		chromedp.SetValue(`#q-neighbours input[name=name]`, hub, chromedp.ByQuery),
		chromedp.Click(`#q-neighbours button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#q-neighbours .pager`, chromedp.ByQuery),
		chromedp.Click(`#q-neighbours .pager .next`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector("#q-neighbours .pager span").innerText.startsWith("rows 21")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`document.querySelector("#q-neighbours .pager span").innerText`, &pager),
		chromedp.Evaluate(`document.querySelectorAll("#q-neighbours tr").length - 1`, &rows),
	)
	if rows != 20 || !strings.Contains(pager, "rows 21–40 of") {
		t.Errorf("the second page has %d rows and says %q", rows, pager)
	}
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("the console logged errors:\n%s", strings.Join(errs, "\n"))
	}
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
