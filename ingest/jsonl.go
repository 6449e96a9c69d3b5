package ingest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/araddon/dateparse"

	"github.com/kg-news/kg/extract"
)

// The fields of scraped articles kg reads, as news-please, newspaper (newspaper3k and
// newspaper4k) and trafilatura write them; the first one present wins. The README's input
// table lists them.
var (
	jsonText      = []string{"maintext", "text", "article_text", "articleBody", "content", "body", "raw_text"}
	jsonTitle     = []string{"title", "headline", "title_page", "title_rss"}
	jsonDate      = []string{"date_publish", "publish_date", "date", "datePublished", "date_published", "published", "pubdate"}
	jsonURL       = []string{"url", "canonical_link", "source", "link", "source_url"}
	jsonAuthors   = []string{"authors", "author", "byline"}
	jsonPublisher = []string{"source_domain", "sitename", "publisher", "source-hostname", "hostname", "source_url"}
	jsonLanguage  = []string{"language", "lang", "meta_lang", "inLanguage"}
	jsonGUID      = []string{"id", "guid"}
)

// errNoJSONArticles is the error of JSON that holds no object with a text field.
var errNoJSONArticles = errors.New("the JSON holds no articles (kg reads objects with a maintext or text field, as news-please, newspaper and trafilatura write them)")

// readJSON sends one input per article of JSON Lines, a JSON array of articles, or one
// article object. Objects without a text field are skipped; if none has one, the file is
// reported as not articles. Each input is named by the article's URL, or by the file's
// stem and the article's position.
func readJSON(r io.Reader, path, stem string, maxBytes int, send func(Input) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	first, err := firstByte(br)
	if err != nil {
		return errNoJSONArticles
	}
	dec := json.NewDecoder(br)
	dec.UseNumber()
	if first == '[' {
		if _, err := dec.Token(); err != nil {
			return fmt.Errorf("read JSON: %w", err)
		}
	}
	n, found := 0, 0
	for {
		if first == '[' && !dec.More() {
			break
		}
		var obj map[string]any
		err := dec.Decode(&obj)
		if err == io.EOF {
			break
		}
		n++
		if err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				err = fmt.Errorf("article %d is not valid JSON (at byte %d): %v", n, se.Offset, se)
			} else {
				err = fmt.Errorf("article %d: %w", n, err)
			}
			if found == 0 && n == 1 {
				return err
			}
			// the rest cannot be read: say where it stopped
			return send(Input{ID: fmt.Sprintf("%s-%d", stem, n), Path: fmt.Sprintf("%s#%d", path, n), Err: err})
		}
		in, ok := jsonArticle(obj)
		if !ok {
			continue
		}
		found++
		in.Path = fmt.Sprintf("%s#%d", path, n)
		in.ID = fmt.Sprintf("%s-%d", stem, n)
		if in.Meta.URL != "" {
			in.ID = urlID(in.Meta.URL)
		}
		if maxBytes > 0 && len(in.Data) > maxBytes {
			in.Data, in.Err = nil, fmt.Errorf("%w: %d bytes, over the limit of %d for one article", extract.ErrTooLarge, len(in.Data), maxBytes)
		}
		if err := send(in); err != nil {
			return err
		}
	}
	if found == 0 {
		return errNoJSONArticles
	}
	return nil
}

func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		if b == 0xef { // a byte order mark
			br.ReadByte()
			br.ReadByte()
			continue
		}
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' {
			return b, br.UnreadByte()
		}
	}
}

// jsonArticle reads one scraped article, or reports that obj has no text.
func jsonArticle(obj map[string]any) (Input, bool) {
	text := jsonString(obj, jsonText)
	if strings.TrimSpace(text) == "" {
		return Input{}, false
	}
	meta := extract.Meta{
		URL:       jsonString(obj, jsonURL),
		Publisher: jsonString(obj, jsonPublisher),
		Language:  jsonString(obj, jsonLanguage),
		GUID:      jsonString(obj, jsonGUID),
	}
	if !strings.Contains(meta.URL, "://") {
		meta.URL = ""
	}
	if strings.Contains(meta.Publisher, "://") {
		meta.Publisher = hostOf(meta.Publisher)
	}
	if meta.Publisher == "" && meta.URL != "" {
		meta.Publisher = hostOf(meta.URL)
	}
	meta.Published = parseDate(jsonString(obj, jsonDate))
	for _, k := range jsonAuthors {
		switch v := obj[k].(type) {
		case string:
			meta.Authors = splitAuthors(v)
		case []any:
			for _, a := range v {
				if s, ok := a.(string); ok && strings.TrimSpace(s) != "" {
					meta.Authors = append(meta.Authors, strings.TrimSpace(s))
				}
			}
		}
		if len(meta.Authors) > 0 {
			break
		}
	}
	title := jsonString(obj, jsonTitle)
	return Input{Kind: Text, Data: withHeadline(title, text), Meta: meta}, true
}

// jsonString is the first of keys that obj holds as a non-empty string (or number).
func jsonString(obj map[string]any, keys []string) string {
	for _, k := range keys {
		switch v := obj[k].(type) {
		case string:
			if s := strings.TrimSpace(v); s != "" {
				return s
			}
		case json.Number:
			return v.String()
		}
	}
	return ""
}

// dateLayouts are the forms scrapers and feeds write dates in, tried in order.
var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "2006/01/02", "January 2, 2006", "2 January 2006",
}

// parseDate reads a date as scrapers write it, or returns the zero time. A date without a
// time of day stays at midnight in UTC, which kg stores as the day alone.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	// a form of its own: dateparse reads most of the others
	if t, err := dateparse.ParseAny(s); err == nil && !t.IsZero() {
		return t
	}
	return time.Time{}
}
