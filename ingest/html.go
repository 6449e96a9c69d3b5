package ingest

import (
	"bytes"
	"errors"
	"fmt"
	nurl "net/url"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/kg-news/kg/extract"
)

// ErrNoMainText is the error of a page in which main-text extraction found no article.
var ErrNoMainText = errors.New("the page has no article text that kg could find")

// fromHTML finds the main text of a web page with go-trafilatura, and what the page says
// about itself: headline, publication date, authors, site name, canonical address and
// language. pageURL is where the page was found ("" when unknown); the page's own
// canonical address wins over it. The text starts with the headline on a line of its
// own, as a plain-text article does.
func fromHTML(page []byte, pageURL string) ([]byte, extract.Meta, error) {
	opts := trafilatura.Options{
		ExcludeComments: true,
		EnableFallback:  false, // with go-trafilatura's fallbacks: the same F1 on the benchmark (README), twice the time
		Focus:           trafilatura.Balanced,
	}
	if pageURL != "" {
		if u, err := nurl.Parse(pageURL); err == nil {
			opts.OriginalURL = u
		}
	}
	res, err := trafilatura.Extract(bytes.NewReader(page), opts)
	if err != nil || res == nil {
		return nil, extract.Meta{}, ErrNoMainText
	}
	md := res.Metadata
	meta := extract.Meta{
		Published: md.Date,
		URL:       strings.TrimSpace(md.URL),
		Publisher: strings.TrimSpace(md.Sitename),
		Language:  strings.TrimSpace(md.Language),
	}
	if meta.URL == "" {
		meta.URL = pageURL
	}
	if meta.Publisher == "" {
		meta.Publisher = strings.TrimPrefix(strings.TrimSpace(md.Hostname), "www.")
	}
	meta.Authors = splitAuthors(md.Author)
	body := nodeText(res.ContentNode)
	if strings.TrimSpace(body) == "" {
		body = res.ContentText
	}
	if strings.TrimSpace(body) == "" {
		return nil, meta, ErrNoMainText
	}
	return withHeadline(strings.TrimSpace(md.Title), body), meta, nil
}

// splitAuthors splits the author field of page metadata and scrapers ("Jane Roe; Tom
// Lund", "Jane Roe and Tom Lund") into names.
func splitAuthors(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	s = strings.NewReplacer(" and ", ";", " & ", ";", "|", ";").Replace(s)
	var out []string
	for _, a := range strings.Split(s, ";") {
		a = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(a), "By "))
		if a != "" && !contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// withHeadline is an article's text as kg reads it: the headline, a blank line, the body.
// A body that starts with its headline already is left as it is.
func withHeadline(title, body string) []byte {
	body = strings.TrimSpace(body)
	if title == "" || strings.HasPrefix(body, title) {
		return []byte(body + "\n")
	}
	return []byte(title + "\n\n" + body + "\n")
}

// blockTags end a paragraph of text: HTML's block elements and the ones trafilatura
// writes its result in.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true, "pre": true,
	"table": true, "tr": true, "section": true, "article": true, "header": true, "footer": true,
	"figure": true, "figcaption": true, "br": true, "hr": true, "main": true, "aside": true, "nav": true,
	"head": true, "list": true, "item": true, "quote": true, "lb": true, "code": false, "address": true,
}

// skipTags hold no text a reader sees.
var skipTags = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Iframe: true}

// nodeText flattens HTML to text: one line per paragraph, blank lines between them, runs
// of white space inside a paragraph folded to one space.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var out, para strings.Builder
	flush := func() {
		t := strings.Join(strings.Fields(para.String()), " ")
		para.Reset()
		if t != "" {
			if out.Len() > 0 {
				out.WriteString("\n\n")
			}
			out.WriteString(t)
		}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			para.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return
			}
			if blockTags[n.Data] {
				flush()
				defer flush()
			} else if n.Data == "td" || n.Data == "th" {
				para.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	flush()
	return out.String()
}

// fragmentText is the text of an HTML fragment, such as a feed item's content.
func fragmentText(fragment string) (string, error) {
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return "", fmt.Errorf("read the item's HTML: %w", err)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return nodeText(root), nil
}
