package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
)

// Invented articles for the input kinds: each names people of its own.
func storyText(n int) (title, body string) {
	title = fmt.Sprintf("Harbour council backs plan number %d", n)
	body = fmt.Sprintf("Mayor Ines Calder%d praised the harbour council on Tuesday after it approved a new budget for the docks. "+
		"\"It is a fair plan for everyone who works here,\" Calder%d said at the town hall.\n\n"+
		"Councillor Tom Lund%d criticised the plan, saying the budget left the fishing fleet behind. "+
		"The council will meet again next month to settle the details of the spending, officials said. "+
		"Local traders welcomed the decision and said they hoped the works would start before the summer season. "+
		"The docks employ hundreds of people in the town and have been run at a loss for several years.\n", n, n, n)
	return title, body
}

const pageTmpl = `<!DOCTYPE html><html lang="en"><head><title>%[1]s | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette"><meta property="og:title" content="%[1]s">
<meta property="article:published_time" content="%[3]s"><meta name="author" content="Jo Writer">
<link rel="canonical" href="%[4]s"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>%[1]s</h1><p class="byline">By Jo Writer</p>%[2]s
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div></article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Ferry fares rise again</a></li></ul></aside>
<section class="comments"><h2>Comments</h2><p>Quentin Marsh: a disgrace, as usual.</p></section>
<footer><p>Copyright Harbour Gazette</p></footer></body></html>`

func page(n int, date, url string) string {
	title, body := storyText(n)
	var ps strings.Builder
	for _, p := range strings.Split(strings.TrimSpace(body), "\n\n") {
		ps.WriteString("<p>" + p + "</p>\n")
	}
	return fmt.Sprintf(pageTmpl, title, ps.String(), date, url)
}

// warcRecord is one WARC response record holding an HTTP response with body.
func warcRecord(uri, contentType, body string) string {
	http := "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + fmt.Sprint(len(body)) + "\r\n\r\n" + body
	return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + "\r\nWARC-Date: 2025-08-20T10:00:00Z\r\n" +
		"WARC-Record-ID: <urn:uuid:" + fmt.Sprintf("%08x-0000-4000-8000-000000000000", len(uri)*7919+len(body)) + ">\r\n" +
		"Content-Type: application/http;msgtype=response\r\nContent-Length: " + fmt.Sprint(len(http)) + "\r\n\r\n" + http + "\r\n\r\n"
}

func gz(t *testing.T, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, p := range parts { // one gzip member per record, as .warc.gz files are written
		w := gzip.NewWriter(&b)
		w.Write([]byte(p))
		w.Close()
	}
	return b.Bytes()
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// fiveKinds writes a folder holding every kind kg reads, and files it must pass over.
// It returns the articles it holds: headline, date, URL, publisher.
func fiveKinds(t *testing.T, dir string) map[string][4]string {
	want := map[string][4]string{}
	add := func(n int, date, url, publisher string) {
		title, _ := storyText(n)
		want[title] = [4]string{title, date, url, publisher}
	}
	// plain text
	title, body := storyText(1)
	write(t, dir, "text/one.txt", []byte(title+"\n\n"+body))
	add(1, "", "", "")
	title, body = storyText(2)
	write(t, dir, "text/two.md.gz", gz(t, "# "+title+"\n\n"+body))
	want["# "+title] = [4]string{"# " + title, "", "", ""}
	// a saved page
	write(t, dir, "pages/three.html", []byte(page(3, "2025-08-18", "https://gazette.example/news/three")))
	add(3, "2025-08-18", "https://gazette.example/news/three", "Harbour Gazette")
	// scraper output: news-please, newspaper and trafilatura fields
	var jl strings.Builder
	title, body = storyText(4)
	fmt.Fprintf(&jl, `{"title": %q, "maintext": %q, "date_publish": "2025-08-19 08:15:00", "url": "https://news.example/a/four", "authors": ["Ann Scribe"], "source_domain": "news.example", "language": "en"}`+"\n", title, body)
	title, body = storyText(5)
	fmt.Fprintf(&jl, `{"title": %q, "text": %q, "publish_date": "2025-08-17T12:00:00+00:00", "url": "https://paper.example/five.html", "authors": ["Bo Byline"]}`+"\n", title, body)
	title, body = storyText(6)
	fmt.Fprintf(&jl, `{"title": %q, "text": %q, "date": "2025-08-16", "source": "https://traf.example/six", "sitename": "Traf Times", "author": "Cy Pen; Di Ink"}`+"\n", title, body)
	write(t, dir, "scraped/batch.jsonl", []byte(jl.String()))
	add(4, "2025-08-19T08:15:00Z", "https://news.example/a/four", "news.example")
	add(5, "2025-08-17T12:00:00Z", "https://paper.example/five.html", "paper.example")
	add(6, "2025-08-16", "https://traf.example/six", "Traf Times")
	// a web archive: two pages, a stylesheet and a request to pass over
	write(t, dir, "crawl/cc-news.warc.gz", gz(t,
		warcRecord("https://wire.example/story/seven", "text/html; charset=utf-8", page(7, "2025-08-15", "https://wire.example/story/seven")),
		warcRecord("https://wire.example/main.css", "text/css", "body { color: black }"),
		"WARC/1.1\r\nWARC-Type: request\r\nWARC-Target-URI: https://wire.example/story/eight\r\nWARC-Date: 2025-08-20T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\nContent-Type: application/http;msgtype=request\r\nContent-Length: 4\r\n\r\nGET \r\n\r\n",
		warcRecord("https://wire.example/story/eight", "text/html", page(8, "2025-08-14", "https://wire.example/story/eight")),
	))
	add(7, "2025-08-15", "https://wire.example/story/seven", "Harbour Gazette")
	add(8, "2025-08-14", "https://wire.example/story/eight", "Harbour Gazette")
	// a feed whose items carry the whole article
	title, body = storyText(9)
	title10, body10 := storyText(10)
	write(t, dir, "feeds/gazette.rss", []byte(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Gazette Wire</title><link>https://feed.example/</link><language>en</language>
<item><title>`+title+`</title><link>https://feed.example/nine</link><guid>urn:nine</guid><pubDate>Wed, 13 Aug 2025 07:00:00 GMT</pubDate><content:encoded><![CDATA[<p>`+strings.ReplaceAll(body, "\n\n", "</p><p>")+`</p>]]></content:encoded></item>
<item><title>`+title10+`</title><link>https://feed.example/ten</link><guid>urn:ten</guid><pubDate>Tue, 12 Aug 2025 07:00:00 GMT</pubDate><description>`+strings.ReplaceAll(body10, "\n\n", " ")+`</description></item>
<item><title>A teaser only</title><link>https://feed.example/eleven</link><description>Read on.</description></item>
</channel></rss>`))
	add(9, "2025-08-13T07:00:00Z", "https://feed.example/nine", "Gazette Wire")
	add(10, "2025-08-12T07:00:00Z", "https://feed.example/ten", "Gazette Wire")
	// what a folder holds beside articles
	write(t, dir, "README.md", []byte("# Tools\n\n```sh\ngo run ./cmd\n```\n"))
	write(t, dir, "main.go", []byte("package main\n\nfunc main() {}\n"))
	write(t, dir, "config.yaml", []byte("name: x\nport: 80\n"))
	write(t, dir, "package.json", []byte(`{"name": "site", "version": "1.0.0"}`))
	write(t, dir, "data.xml", []byte(`<?xml version="1.0"?><config><port>80</port></config>`))
	write(t, dir, "passwd", []byte("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"))
	write(t, dir, "logo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	write(t, dir, "tool", append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 64)...))
	return want
}

// TestFiveKinds builds one folder holding text, a page, scraper output, a web archive and
// a feed, beside files that are no articles, and checks that every article is in the
// store with its headline, date, address and publisher, and nothing else is.
func TestFiveKinds(t *testing.T) {
	dir := t.TempDir()
	want := fiveKinds(t, dir)
	st := graph.MustOpenMemory(t)
	ctx := context.Background()
	rep, err := Build(ctx, st, extract.New(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Failed) > 0 || rep.LinkOnly != 1 {
		t.Errorf("report: %+v", rep)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := articleIDs(t, st)
	got := map[string][4]string{}
	for _, id := range ids {
		a, err := st.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		pub := a.Source
		if a.URL == "" {
			pub = ""
		}
		got[a.Headline] = [4]string{a.Headline, a.Date, a.URL, pub}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
	if stats.Articles != len(want) {
		t.Errorf("%d articles in the store, want %d", stats.Articles, len(want))
	}
	// every article has its people, and the page junk none
	ents, err := st.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, e := range ents {
		names[e.Name] = true
	}
	for n := 1; n <= 10; n++ {
		if !names[fmt.Sprintf("Ines Calder%d", n)] {
			t.Errorf("article %d: no Ines Calder%d among the entities", n, n)
		}
	}
	for _, junk := range []string{"Quentin Marsh", "Jo Writer", "Facebook"} {
		if names[junk] {
			t.Errorf("page junk %q is an entity", junk)
		}
	}
	// a rebuild writes nothing
	rep, err = Build(ctx, st, extract.New(), []string{dir}, Options{})
	if err != nil || rep.Unchanged != len(want) || rep.Added+rep.Replaced != 0 {
		t.Errorf("rebuild: %+v %v", rep, err)
	}
}

func articleIDs(t *testing.T, st *graph.Store) []string {
	t.Helper()
	res, err := st.Gizmo(context.Background(), `g.V("<schema:NewsArticle>").In("<rdf:type>").All()`, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range res {
		m := r.(map[string]any)
		ids = append(ids, strings.TrimSuffix(strings.TrimPrefix(fmt.Sprint(m["id"]), "<doc:"), ">"))
	}
	sort.Strings(ids)
	return ids
}

// TestRefusesWhatIsNoArticle names files that are no articles on the command line: each
// is refused with one sentence that says what kg reads.
func TestRefusesWhatIsNoArticle(t *testing.T) {
	dir := t.TempDir()
	cases := map[string][]byte{
		"README.md":     []byte("# kg\n\nA tool.\n\n```sh\ngo run ./cmd/kg build data/\n```\n\n```sh\ngo test ./...\n```\n"),
		"main.go":       []byte("package main\n\nfunc main() {}\n"),
		"settings.yaml": []byte("store: kg.db\nworkers: 4\n"),
		"app.conf":      []byte("[server]\nport = 8080\nhost = localhost\n"),
		"passwd":        []byte("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\n"),
		"Makefile":      []byte("all:\n\tgo build ./...\n\ntest:\n\tgo test ./...\n"),
		"script":        []byte("#!/bin/sh\necho hello\n"),
		"program":       append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 200)...),
		"photo.jpg":     []byte("\xff\xd8\xff\xe0\x00\x10JFIF"),
		"package.json":  []byte(`{"name": "site", "version": "1.0.0"}`),
		"notes.xml":     []byte(`<?xml version="1.0"?><notes><note>x</note></notes>`),
	}
	for name, data := range cases {
		p := write(t, dir, name, data)
		out := make(chan Input)
		go Walk(context.Background(), []string{p}, nil, 0, out)
		var got []Input
		for in := range out {
			got = append(got, in)
		}
		if len(got) != 1 || got[0].Err == nil {
			t.Errorf("%s: %d inputs, want one refused: %+v", name, len(got), got)
			continue
		}
		msg := got[0].Err.Error()
		if !strings.Contains(msg, "kg reads") && !errors.Is(got[0].Err, errNoJSONArticles) {
			t.Errorf("%s: %q does not say what kg reads", name, msg)
		}
		if strings.Count(msg, ". ") > 0 || strings.Contains(msg, "\n") {
			t.Errorf("%s: %q is more than one sentence", name, msg)
		}
	}
	// and what is an article is read, whatever its name
	for name, data := range map[string]string{
		"story":         "Harbour council backs plan\n\nMayor Ines Calder praised the harbour council on Tuesday after it approved a new budget.\n",
		"story.md":      "# Harbour council backs plan\n\nMayor Ines Calder praised the harbour council on Tuesday after it approved a new budget.\n",
		"story.html.gz": string(gz(t, page(1, "2025-08-18", "https://gazette.example/news/one"))),
	} {
		p := write(t, dir, name, []byte(data))
		out := make(chan Input)
		go Walk(context.Background(), []string{p}, nil, 0, out)
		for in := range out {
			if in.Err != nil {
				t.Errorf("%s: %v", name, in.Err)
			}
		}
	}
}

// TestIdentity checks how articles are named across builds: an article with the address
// of one in the store replaces it, whatever its kind and file name; one whose id is taken
// by another file of the same build, or by an article at another address, gets its own.
func TestIdentity(t *testing.T) {
	ctx := context.Background()
	st := graph.MustOpenMemory(t)
	x := extract.New()
	dir := t.TempDir()
	count := func() int {
		s, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return s.Articles
	}
	// a saved page, then the same address as scraper output with a newer text
	p1 := write(t, dir, "a/story.html", []byte(page(1, "2025-08-18", "https://gazette.example/news/one")))
	if rep, err := Build(ctx, st, x, []string{p1}, Options{}); err != nil || rep.Added != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	title, body := storyText(11)
	p2 := write(t, dir, "b/scraped.jsonl", []byte(fmt.Sprintf(`{"title": %q, "maintext": %q, "url": "https://gazette.example/news/one"}`+"\n", title, body)))
	rep, err := Build(ctx, st, x, []string{p2}, Options{})
	if err != nil || rep.Replaced != 1 || count() != 1 {
		t.Fatalf("same address: %+v %v, %d articles", rep, err, count())
	}
	if a, _ := st.Article(ctx, "story"); a.Headline != title {
		t.Errorf("the article at the address is %+v, want the scraped one", a)
	}
	// another page named story.html, at another address: an id of its own
	p3 := write(t, dir, "c/story.html", []byte(page(3, "2025-08-19", "https://gazette.example/news/three")))
	if rep, err := Build(ctx, st, x, []string{p3}, Options{}); err != nil || rep.Added != 1 || count() != 2 {
		t.Fatalf("another address: %+v %v, %d articles", rep, err, count())
	}
	// two files of one build with the same stem
	t1, b1 := storyText(4)
	t2, b2 := storyText(5)
	write(t, dir, "d/x/notes.txt", []byte(t1+"\n\n"+b1))
	write(t, dir, "d/y/notes.txt", []byte(t2+"\n\n"+b2))
	if rep, err := Build(ctx, st, x, []string{filepath.Join(dir, "d")}, Options{}); err != nil || rep.Added != 2 || len(rep.Failed) != 0 || count() != 4 {
		t.Fatalf("same stem: %+v %v, %d articles", rep, err, count())
	}
	// and a rebuild of everything changes nothing
	rep, err = Build(ctx, st, x, []string{p2, p3, filepath.Join(dir, "d")}, Options{})
	if err != nil || rep.Unchanged != 4 || rep.Added+rep.Replaced != 0 {
		t.Errorf("rebuild: %+v %v", rep, err)
	}
}
