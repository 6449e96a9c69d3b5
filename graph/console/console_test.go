package console

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kg-news/kg/graph"
)

func do(t *testing.T, h http.Handler, method, path, body string, hdr map[string]string) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	req.Host = "127.0.0.1:64210" // where kg serve listens unless told otherwise
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var m map[string]any
	json.Unmarshal(rec.Body.Bytes(), &m)
	return rec.Code, m
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	h, err := New(graph.MustOpenMemory(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/api/v2/write", "/api/v2/delete", "/api/v2/node/delete"} {
		code, m := do(t, h, "POST", p, "<a> <b> <c> .", nil)
		if code != http.StatusForbidden || !strings.Contains(m["error"].(string), "--writable") {
			t.Errorf("%s: %d %v, want 403 saying how to allow writes", p, code, m)
		}
	}
}

func TestWritableAcceptsSameOriginWrites(t *testing.T) {
	st := graph.MustOpenMemory(t)
	h, err := New(st, Options{Writable: true})
	if err != nil {
		t.Fatal(err)
	}
	code, m := do(t, h, "POST", "/api/v2/write", "<a> <b> <c> .\n", map[string]string{"Origin": "http://evil.example"})
	if code != http.StatusForbidden {
		t.Errorf("cross-origin write: %d %v, want 403", code, m)
	}
	code, m = do(t, h, "POST", "/api/v2/write", "<a> <b> <c> .\n", nil)
	if code != http.StatusOK {
		t.Fatalf("write: %d %v", code, m)
	}
	code, m = do(t, h, "POST", "/api/v2/query?lang=gizmo", `g.V("<a>").Out("<b>").All()`, nil)
	if code != http.StatusOK || !strings.Contains(toJSON(m), "<c>") {
		t.Errorf("query after write: %d %v", code, m)
	}
}

func toJSON(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return b.String()
}

func TestQueryTimeout(t *testing.T) {
	h, err := New(graph.MustOpenMemory(t), Options{Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	code, m := do(t, h, "POST", "/api/v2/query?lang=gizmo", `while (true) {}`, nil)
	if code == http.StatusOK || time.Since(start) > 10*time.Second {
		t.Errorf("endless query: %d %v after %s", code, m, time.Since(start))
	}
}

func TestPanicIsAnError(t *testing.T) {
	h, err := New(graph.MustOpenMemory(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	h.mux.HandleFunc("/boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	code, m := do(t, h, "GET", "/boom", "", nil)
	if code != http.StatusInternalServerError || !strings.Contains(m["error"].(string), "boom") {
		t.Errorf("panic: %d %v", code, m)
	}
	// the handler still serves
	if code, _ := do(t, h, "GET", "/api/ask", "", nil); code != http.StatusOK {
		t.Errorf("after a panic: %d", code)
	}
}

func TestBodyLimit(t *testing.T) {
	h, err := New(graph.MustOpenMemory(t), Options{MaxBody: 1024})
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("g.V().All();", 200)
	code, m := do(t, h, "POST", "/api/v2/query?lang=gizmo", big, nil)
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("big query: %d %v, want 413", code, m)
	}
}

func TestAsk(t *testing.T) {
	h, err := New(sampleStore(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	code, m := do(t, h, "GET", "/api/ask", "", nil)
	if code != 200 || !strings.Contains(toJSON(m), `"name":"who"`) {
		t.Fatalf("list: %d %v", code, m)
	}
	code, m = do(t, h, "GET", "/api/ask/who?verb=criticized&object=Trump", "", nil)
	if code != 200 || !strings.Contains(toJSON(m), "John Bolton") {
		t.Errorf("who criticized Trump: %d %v", code, m)
	}
	code, m = do(t, h, "GET", "/api/ask/nope", "", nil)
	if code != 404 {
		t.Errorf("unknown query: %d %v", code, m)
	}
	code, m = do(t, h, "GET", "/api/ask/who?verb=criticized", "", nil)
	if code != 400 || !strings.Contains(m["error"].(string), "object") {
		t.Errorf("missing parameter: %d %v", code, m)
	}
	// parameters are data, never code
	code, m = do(t, h, "GET", `/api/ask/profile?name=`+strings.ReplaceAll(`"});g.Emit("pwned");//`, " ", "%20"), "", nil)
	if strings.Contains(toJSON(m), "pwned") {
		t.Errorf("a parameter ran as code: %d %v", code, m)
	}
}

func TestConsoleIsOffline(t *testing.T) {
	h, err := New(graph.MustOpenMemory(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p, a := range h.files {
		if a.gz {
			continue
		}
		body := string(a.data)
		for _, bad := range []string{"localhost:64210", "cdn.jsdelivr.net", "fonts.googleapis.com"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s still refers to %s", p, bad)
			}
		}
	}
	_ = context.Background()
}

// TestCrossOriginQueriesRefused checks that a page on another site cannot make the
// browser run queries here, raw or canned, while the console's own pages can.
func TestCrossOriginQueriesRefused(t *testing.T) {
	h, err := New(graph.MustOpenMemory(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	foreign := []map[string]string{{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}}
	for _, hdr := range foreign {
		for _, req := range [][2]string{{"POST", "/api/v2/query?lang=gizmo"}, {"GET", "/api/v2/query?lang=gizmo&qu=g.V().All()"}, {"GET", "/api/ask"}} {
			code, m := do(t, h, req[0], req[1], `g.V().All()`, hdr)
			if code != http.StatusForbidden {
				t.Errorf("%s %s with %v: %d %v, want 403", req[0], req[1], hdr, code, m)
			}
		}
	}
	code, m := do(t, h, "POST", "/api/v2/query?lang=gizmo", `g.V().All()`, map[string]string{"Origin": "http://127.0.0.1:64210", "Sec-Fetch-Site": "same-origin"})
	if code != http.StatusOK {
		t.Errorf("same-origin query: %d %v", code, m)
	}
}
