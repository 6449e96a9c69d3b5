package eval

import (
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pageData fills testdata/page.html.tmpl: a news site's page around one article, with
// navigation, share buttons, related links, a newsletter box and a comment section.
type pageData struct {
	Title, Description, Site, URL, Date, DateText, Author, Section string
	TitleJSON, AuthorJSON, SiteJSON                                template.JS
	Paragraphs                                                     []string
	Comments                                                       []pageComment
}

type pageComment struct {
	Name, Text string
	Likes      int
}

// pageComments are invented readers' comments: people's names and opinions that must not
// reach the graph.
var pageComments = []pageComment{
	{"Gareth Pryce", "Typical. Nobody in Westminster ever listens to people like us, and Mr Hollis knows it.", 14},
	{"Annika Solberg", "\"This is the best news I have heard all year,\" my neighbour Tom Albright said when he read it.", 3},
	{"quietreader77", "Does anyone know whether the Fenwick Trust responded? Asking for a friend.", 0},
	{"Devika Rao", "Great reporting as always. Rupert Vance should resign.", 7},
}

// articlePage wraps a plain-text article (first line the headline, then paragraphs) in the
// page template.
func articlePage(tmpl *template.Template, id, text string) (string, error) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	title := strings.TrimSpace(lines[0])
	var paras []string
	for _, l := range lines[1:] {
		if l = strings.TrimSpace(l); l != "" {
			paras = append(paras, l)
		}
	}
	js := func(s string) template.JS { b, _ := json.Marshal(s); return template.JS(b) }
	section := strings.SplitN(id, "_", 2)[0]
	d := pageData{
		Title: title, Site: "The Daily Ledger", URL: "https://ledger.example/" + section + "/" + id,
		Date: "2005-03-14T09:30:00Z", DateText: "Monday 14 March 2005", Author: "Morgan Ellery", Section: section,
		Paragraphs: paras, Comments: pageComments,
	}
	if len(paras) > 0 {
		d.Description = paras[0]
	}
	d.TitleJSON, d.AuthorJSON, d.SiteJSON = js(d.Title), js(d.Author), js(d.Site)
	var b strings.Builder
	if err := tmpl.Execute(&b, d); err != nil {
		return "", err
	}
	return b.String(), nil
}

// writePages writes the page of every .txt article of files into dir, as ID.html, and
// returns the folder.
func writePages(t testing.TB, files []string, dir string) {
	t.Helper()
	tmpl := template.Must(template.ParseFiles(filepath.Join("testdata", "page.html.tmpl")))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		page, err := articlePage(tmpl, id, string(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, id+".html"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWritePages writes the pages of a corpus for measuring by hand, when
// KG_WRITE_PAGES=OUT and KG_PAGES_FROM=DIR say where (for example the BBC corpus, whose
// pages must never be committed).
func TestWritePages(t *testing.T) {
	out, from := os.Getenv("KG_WRITE_PAGES"), os.Getenv("KG_PAGES_FROM")
	if out == "" || from == "" {
		t.Skip("set KG_WRITE_PAGES=OUT-DIR and KG_PAGES_FROM=TEXT-DIR to write pages")
	}
	files, _ := filepath.Glob(filepath.Join(from, "*.txt"))
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	writePages(t, files, out)
	fmt.Fprintf(os.Stderr, "wrote %d pages to %s\n", len(files), out)
}
