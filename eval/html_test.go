package eval

import (
	"context"
	"path/filepath"
	"testing"
)

// TestHTMLPagesMatchText builds each article twice, as its plain text and as a page of a
// news site around it (testdata/page.html.tmpl: navigation, share buttons, related links,
// a newsletter box, readers' comments), and checks that the graph built from the pages
// scores within 0.03 of the plain-text build in entities, relations and quotations, with
// no more page junk. The pages are made in a temporary folder: the BBC's are never
// written anywhere else.
func TestHTMLPagesMatchText(t *testing.T) {
	for _, set := range []struct{ name, gold, dir string }{
		{"sample corpus", "gold/seeds", "../data"},
		{"bbcfresh", "gold/bbcfresh", ""},
	} {
		t.Run(set.name, func(t *testing.T) {
			dir := set.dir
			if dir == "" {
				dir = bbcCorpus(t)
			}
			golds, err := LoadGold(set.gold)
			if err != nil {
				t.Fatal(err)
			}
			var files []string
			for id := range golds {
				files = append(files, filepath.Join(dir, id+".txt"))
			}
			pages := t.TempDir()
			writePages(t, files, pages)
			text, err := Run(context.Background(), set.gold, []string{dir})
			if err != nil {
				t.Fatal(err)
			}
			html, err := Run(context.Background(), set.gold, []string{pages})
			if err != nil {
				t.Fatal(err)
			}
			a, b := text.Total, html.Total
			t.Logf("text: ent %.3f rel %.3f quo %.3f noise %d; pages: ent %.3f rel %.3f quo %.3f noise %d",
				a.Ent.F, a.Rel.F, a.Quo.F, a.Noise, b.Ent.F, b.Rel.F, b.Quo.F, b.Noise)
			for _, c := range []struct {
				what       string
				text, html float64
			}{{"entity", a.Ent.F, b.Ent.F}, {"relation", a.Rel.F, b.Rel.F}, {"quotation", a.Quo.F, b.Quo.F}} {
				if c.html < c.text-0.03 {
					t.Errorf("%s F1 from pages %.3f, from text %.3f: more than 0.03 lower", c.what, c.html, c.text)
				}
			}
			if b.Noise > a.Noise {
				t.Errorf("pages put %d entities or quotations of page junk in the graph, text %d", b.Noise, a.Noise)
			}
		})
	}
}
