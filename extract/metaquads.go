package extract

import (
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph/voc"
)

// Predicates of an article's metadata and of the dates of its facts, boxed once.
var (
	pDatePublished quad.Value = quad.IRI(voc.DatePublished)
	pURL           quad.Value = quad.IRI(voc.URL)
	pPublisher     quad.Value = quad.IRI(voc.Publisher)
	pAuthor        quad.Value = quad.IRI(voc.Author)
	pInLanguage    quad.Value = quad.IRI(voc.InLanguage)
	pGUID          quad.Value = quad.IRI(voc.GUID)
	pPublished     quad.Value = quad.IRI(voc.Published)
	pDate          quad.Value = quad.IRI(voc.Date)
)

// FormatDate writes a publication date as the store keeps it: the day alone when the
// source gave no time of day ("2025-08-15"), else the instant in UTC
// ("2025-08-15T09:30:00Z"). Both sort as text, and their first ten characters are the day.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	u := t.UTC()
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02") // the day the source named, in its own zone
	}
	return u.Format(time.RFC3339)
}

// metaQuads adds the quads of what the article's source says about it to its node.
func (d *Document) metaQuads(article quad.Value, add func(s, p, o quad.Value)) {
	m := &d.Meta
	if v := FormatDate(m.Published); v != "" {
		add(article, pDatePublished, quad.String(v))
	}
	if m.URL != "" {
		add(article, pURL, quad.String(m.URL))
	}
	if m.Publisher != "" {
		add(article, pPublisher, quad.String(m.Publisher))
	}
	for _, a := range m.Authors {
		if a != "" {
			add(article, pAuthor, quad.String(a))
		}
	}
	if m.Language != "" {
		add(article, pInLanguage, quad.String(m.Language))
	}
	if m.GUID != "" {
		add(article, pGUID, quad.String(m.GUID))
	}
}

// dateQuads adds to a statement or quotation node its article's date and the date its
// sentence states, when there are such dates.
func (d *Document) dateQuads(node quad.Value, sentence int, add func(s, p, o quad.Value)) {
	if v := FormatDate(d.Meta.Published); v != "" {
		add(node, pPublished, quad.String(v[:10]))
	}
	if sentence >= 0 {
		if v := d.DateOf(sentence); v != "" {
			add(node, pDate, quad.String(v))
		}
	}
}
