package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
)

// followArticle is an invented article of n paragraphs' worth, naming people of its own.
func followArticle(n int) string {
	return fmt.Sprintf("Mayor Ines Calder%[1]d praised the harbour council on Tuesday after it approved a new budget for the docks. "+
		"\"It is a fair plan for everyone who works here,\" Calder%[1]d said at the town hall. "+
		"Councillor Tom Lund%[1]d criticised the plan, saying the budget left the fishing fleet behind. "+
		"The council will meet again next month to settle the details of the spending, officials said. "+
		"Local traders welcomed the decision and said they hoped the works would start before the summer season. "+
		"The docks employ hundreds of people in the town and have been run at a loss for several years, the council said.", n)
}

// TestFollow runs kg follow against a local server that serves a feed and a page: the
// first poll builds the item with its text and, with --fetch, the page of the item with
// only a link; a second poll builds only the item added since; items seen are never built
// again, and the pages are asked for with kg's User-Agent.
func TestFollow(t *testing.T) {
	var mu sync.Mutex
	items := []string{
		`<item><title>Council backs dock plan</title><link>%[1]s/news/one</link><guid>urn:kg-test:one</guid><pubDate>Wed, 13 Aug 2025 07:00:00 GMT</pubDate><description>` + followArticle(1) + `</description></item>`,
		`<item><title>Ferry fares frozen</title><link>%[1]s/news/two</link><guid>urn:kg-test:two</guid><pubDate>Thu, 14 Aug 2025 07:00:00 GMT</pubDate><description>Read the story.</description></item>`,
	}
	var agents []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		agents = append(agents, r.UserAgent())
		base := "http://" + r.Host
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			var b strings.Builder
			b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title><link>` + base + `</link>`)
			for _, it := range items {
				fmt.Fprintf(&b, it, base)
			}
			b.WriteString(`</channel></rss>`)
			w.Write([]byte(b.String()))
		case "/news/two", "/news/three":
			n := map[string]int{"/news/two": 2, "/news/three": 3}[r.URL.Path]
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<html><head><title>Story %d</title><meta property="og:site_name" content="Harbour Wire"></head><body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Story %d</h1><p>%s</p><p>%s</p></article><footer>Copyright Harbour Wire</footer></body></html>`, n, n, followArticle(n), followArticle(n))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	cfg := graph.Config{Path: filepath.Join(t.TempDir(), "kg.db")}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var reports []ingest.Report
	opts := followOptions{
		store: cfg, feed: srv.URL + "/feed.xml", every: 50 * time.Millisecond,
		fetch: ingest.FetchOptions{Enabled: true, Timeout: 5 * time.Second},
		polled: func(n int, rep ingest.Report) {
			reports = append(reports, rep)
			switch n {
			case 1:
				mu.Lock()
				items = append(items, `<item><title>Story 3</title><link>%[1]s/news/three</link><guid>urn:kg-test:three</guid></item>`)
				mu.Unlock()
			case 3:
				cancel()
			}
		},
	}
	var out, errOut bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- runFollow(ctx, opts, &out, &errOut) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("kg follow did not stop when interrupted")
	}
	if len(reports) != 3 || reports[0].Added != 2 || reports[1].Added != 1 || reports[2].Added != 0 || len(reports[0].Failed)+len(reports[1].Failed) != 0 {
		t.Fatalf("polls: %+v\nstdout:\n%s\nstderr:\n%s", reports, out.String(), errOut.String())
	}
	ro := cfg
	ro.ReadOnly = true
	st, err := openStore(context.Background(), ro)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, u := range []string{srv.URL + "/news/one", srv.URL + "/news/two", srv.URL + "/news/three"} {
		id, err := st.ArticleByURL(context.Background(), u)
		if err != nil || id == "" {
			t.Errorf("%s is not in the store (%v)", u, err)
		}
	}
	for _, a := range agents {
		if a != ingest.DefaultUserAgent {
			t.Errorf("asked with User-Agent %q", a)
		}
	}
}
