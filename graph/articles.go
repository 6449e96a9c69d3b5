package graph

import (
	"context"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph/voc"
)

// Article is what listings and answers show of an article instead of its bare id: its
// headline, date and source.
type Article struct {
	ID       string `json:"id"`
	Headline string `json:"headline,omitempty"`
	Date     string `json:"date,omitempty"`   // as stored: "2025-08-15" or an RFC 3339 instant
	Source   string `json:"source,omitempty"` // the publisher, else the address's host
	URL      string `json:"url,omitempty"`
}

// Day is the article's date without the time of day, or "".
func (a Article) Day() string {
	if len(a.Date) >= 10 {
		return a.Date[:10]
	}
	return a.Date
}

// Label is how a table shows the article: its headline, date and source, or its id when
// the store knows nothing else.
func (a Article) Label() string {
	h := a.Headline
	if h == "" {
		h = a.ID
	}
	var extra []string
	if d := a.Day(); d != "" {
		extra = append(extra, d)
	}
	if a.Source != "" {
		extra = append(extra, a.Source)
	}
	if len(extra) == 0 {
		return h
	}
	return h + " (" + strings.Join(extra, ", ") + ")"
}

// articles reads articles through a cache.
type articles struct {
	s     *Store
	cache map[string]Article
}

func (s *Store) articleCache() *articles { return &articles{s: s, cache: map[string]Article{}} }

func (a *articles) of(ctx context.Context, id string) Article {
	if art, ok := a.cache[id]; ok {
		return art
	}
	art, _ := a.s.Article(ctx, id)
	a.cache[id] = art
	return art
}

// Article returns what the store says of article id: headline, date, source and address.
func (s *Store) Article(ctx context.Context, id string) (Article, error) {
	art := Article{ID: id}
	qs, err := s.quadsOf(ctx, quad.Subject, voc.DocIRI(id))
	if err != nil {
		return art, err
	}
	host := ""
	for _, q := range qs {
		switch strings.Trim(q.Predicate.String(), "<>") {
		case voc.Headline:
			art.Headline = quadString(q.Object)
		case voc.DatePublished:
			art.Date = quadString(q.Object)
		case voc.Publisher:
			art.Source = quadString(q.Object)
		case voc.URL:
			art.URL = quadString(q.Object)
			host = hostOf(art.URL)
		}
	}
	if art.Source == "" {
		art.Source = host
	}
	return art, nil
}

func hostOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		u = u[:i]
	}
	return strings.TrimPrefix(u, "www.")
}

// ArticleByURL returns the id of the article the store holds with address url, or "".
func (s *Store) ArticleByURL(ctx context.Context, url string) (string, error) {
	if url == "" {
		return "", nil
	}
	qs, err := s.quadsOf(ctx, quad.Object, quad.String(url))
	if err != nil {
		return "", err
	}
	p := quad.IRI(voc.URL).String()
	for _, q := range qs {
		if q.Predicate.String() == p {
			if id := voc.DocID(q.Subject.String()); id != "" {
				return id, nil
			}
		}
	}
	return "", nil
}

// ArticleURL returns the address of article id, or "" when it has none or is absent.
func (s *Store) ArticleURL(ctx context.Context, id string) (string, error) {
	vals, err := s.objects(ctx, voc.DocIRI(id), voc.URL)
	if err != nil || len(vals) == 0 {
		return "", err
	}
	return quadString(vals[0]), nil
}

// HasGUID reports whether the store holds an article with the feed GUID guid.
func (s *Store) HasGUID(ctx context.Context, guid string) (bool, error) {
	qs, err := s.quadsOf(ctx, quad.Object, quad.String(guid))
	if err != nil {
		return false, err
	}
	p := quad.IRI(voc.GUID).String()
	for _, q := range qs {
		if q.Predicate.String() == p {
			return true, nil
		}
	}
	return false, nil
}

// Period bounds dates, by day: "2025-08-01" to "2025-08-31", either end open when "".
type Period struct {
	Since, Until string
}

// IsZero reports whether p bounds nothing.
func (p Period) IsZero() bool { return p.Since == "" && p.Until == "" }

// Contains reports whether a stored date falls in p. An unknown date is in an open period
// only.
func (p Period) Contains(date string) bool {
	if p.IsZero() {
		return true
	}
	if date == "" {
		return false
	}
	day := date
	if len(day) > 10 {
		day = day[:10]
	}
	return (p.Since == "" || day >= p.Since[:min(len(p.Since), len(day))]) && (p.Until == "" || day[:min(len(day), len(p.Until))] <= p.Until)
}

// FactsIn keeps the facts stated by articles dated within p, each with only those
// articles.
func FactsIn(rows []FactRow, p Period) []FactRow {
	if p.IsZero() {
		return rows
	}
	out := rows[:0]
	for _, r := range rows {
		var src []Source
		for _, s := range r.Sources {
			if s.Article != nil && p.Contains(s.Article.Date) {
				src = append(src, s)
			}
		}
		if len(src) > 0 {
			r.Sources = src
			out = append(out, r)
		}
	}
	return out
}

// QuotesIn keeps the quotations of articles dated within p.
func QuotesIn(rows []QuoteRow, p Period) []QuoteRow {
	if p.IsZero() {
		return rows
	}
	out := rows[:0]
	for _, r := range rows {
		if r.Article != nil && p.Contains(r.Article.Date) {
			out = append(out, r)
		}
	}
	return out
}

// EntitiesIn keeps the entities named in articles dated within p, each with only those
// articles.
func (s *Store) EntitiesIn(ctx context.Context, rows []EntityRow, p Period) []EntityRow {
	if p.IsZero() {
		return rows
	}
	arts := s.articleCache()
	out := rows[:0]
	for _, r := range rows {
		var src []string
		for _, id := range r.Sources {
			if p.Contains(arts.of(ctx, id).Date) {
				src = append(src, id)
			}
		}
		if len(src) > 0 {
			r.Sources = src
			out = append(out, r)
		}
	}
	return out
}
