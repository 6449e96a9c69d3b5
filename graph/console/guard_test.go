package console

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph"
)

// TestHostAllowList checks the Host names the console answers to, and that Origin is
// checked against them, never against the request's own Host: a page of evil.example
// that points its name at 127.0.0.1 (DNS rebinding) sends Host and Origin that agree.
func TestHostAllowList(t *testing.T) {
	h, err := New(graph.MustOpenMemory(t), Options{Addr: "kg.internal:8080", AllowHosts: []string{"News.Example.org"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		host, origin string
		want         int
	}{
		{"127.0.0.1:64210", "", 200},
		{"localhost:64210", "http://localhost:64210", 200},
		{"[::1]:64210", "http://[::1]:64210", 200},
		{"app.localhost:64210", "", 200},
		{"kg.internal:8080", "http://kg.internal:8080", 200},
		{"news.example.org", "https://news.example.org", 403}, // https page, http request: another port
		{"news.example.org", "http://news.example.org", 200},
		{"192.168.1.20:64210", "", 200},
		{"evil.example:64210", "http://evil.example:64210", http.StatusMisdirectedRequest},
		{"evil.example", "", http.StatusMisdirectedRequest},
		{"localhost.evil.example:64210", "", http.StatusMisdirectedRequest},
		{"", "", http.StatusMisdirectedRequest},
		{"localhost:64210", "http://evil.example:64210", 403},
		{"localhost:64210", "http://localhost:3000", 403}, // another server on this machine
		{"localhost:64210", "null", 403},
	} {
		hdr := map[string]string{"Host": c.host}
		if c.origin != "" {
			hdr["Origin"] = c.origin
		}
		code, m := do(t, h, "POST", "/api/v2/query?lang=gizmo", `g.V().All()`, hdr)
		if code != c.want {
			t.Errorf("Host %q, Origin %q: %d %v, want %d", c.host, c.origin, code, m, c.want)
		}
		if code == http.StatusMisdirectedRequest && !strings.Contains(m["error"].(string), "--allow-host") {
			t.Errorf("Host %q: %v, want the message to say how to allow it", c.host, m)
		}
	}
}

// TestSecurityHeaders checks the headers of every kind of answer, and that each page's
// policy allows its own inline scripts by hash.
func TestSecurityHeaders(t *testing.T) {
	h, err := New(graph.MustOpenMemory(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/ask", "/api/ask", "/api/v2/query?lang=gizmo&qu=g.V().All()", "/vendor/missing", "/static/missing"} {
		req := httptest.NewRequest("GET", p, nil)
		req.Host = "localhost:64210"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		for k, want := range map[string]string{"X-Frame-Options": "SAMEORIGIN", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
			if got := rec.Header().Get(k); got != want {
				t.Errorf("%s: %s %q, want %q", p, k, got, want)
			}
		}
		csp := rec.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'self'") {
			t.Errorf("%s: Content-Security-Policy %q", p, csp)
		}
		if p == "/ask" && !strings.Contains(csp, "'sha256-") {
			t.Errorf("/ask: policy %q does not allow its inline script", csp)
		}
	}
}

// TestResultsCapped checks that every query language stops at the limit and says so.
func TestResultsCapped(t *testing.T) {
	st := graph.MustOpenMemory(t)
	var qs []quad.Quad
	for i := 0; i < 50; i++ {
		qs = append(qs, quad.MakeIRI("a", "knows", "b"+strings.Repeat("x", i), ""))
	}
	if err := st.QS.ApplyDeltas(deltas(qs), cgraphIgnore); err != nil {
		t.Fatal(err)
	}
	h, err := New(st, Options{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for lang, q := range map[string]string{
		"gizmo":   `g.V("<a>").Out("<knows>").All()`,
		"mql":     `[{"id": null}]`,
		"graphql": `{ nodes(id: <a>) { id knows: <knows> { id } } }`,
	} {
		code, m := do(t, h, "POST", "/api/v2/query?lang="+lang, q, nil)
		js := toJSON(m)
		if code != 200 || !strings.Contains(js, "only the first 10") {
			t.Errorf("%s: %d %.300s, want a capped answer that says so", lang, code, js)
		}
		if n := strings.Count(js, `"<b`); lang != "mql" && n > 10 {
			t.Errorf("%s: %d results, want at most 10", lang, n)
		}
	}
	code, m := do(t, h, "POST", "/api/v2/query?lang=gizmo", `g.V("<a>").Out("<knows>").Limit(5).All()`, nil)
	if code != 200 || m["warning"] != nil {
		t.Errorf("a query under the limit: %d %v", code, m)
	}
}

// TestReadTimeout checks that /api/v2/read stops at the query timeout with one sentence
// when no byte is out yet.
func TestReadTimeout(t *testing.T) {
	h, err := New(sampleStore(t), Options{Timeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	code, m := do(t, h, "GET", "/api/v2/read?format=nquads", "", nil)
	if code != http.StatusBadRequest || !strings.Contains(toJSON(m), "time limit") {
		t.Errorf("read past its timeout: %d %v", code, m)
	}
	h, err = New(sampleStore(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/api/v2/read?format=nquads&pred=<schema:name>", nil)
	req.Host = "localhost"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"Marco Rubio"`) {
		t.Errorf("read of names: %d %.200s", rec.Code, rec.Body.String())
	}
}

// TestBusyIs503 fills the query slots and checks that one more query is refused with a
// clear 503 after the queue wait.
func TestBusyIs503(t *testing.T) {
	h, err := New(graph.MustOpenMemory(t), Options{MaxQueries: 1, QueueWait: 50 * time.Millisecond, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	release, err := h.raw.acquire(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	code, m := do(t, h, "POST", "/api/v2/query?lang=gizmo", `g.V().All()`, nil)
	if code != http.StatusServiceUnavailable || !strings.Contains(toJSON(m), "--max-queries") {
		t.Errorf("a query past the cap: %d %v, want 503 saying why", code, m)
	}
}

var cgraphIgnore = cgraph.IgnoreOpts{IgnoreDup: true}

func deltas(qs []quad.Quad) []cgraph.Delta {
	out := make([]cgraph.Delta, len(qs))
	for i, q := range qs {
		out[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	return out
}
