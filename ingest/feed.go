package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/kg-news/kg/extract"
)

// fullTextWords is how many words an item's content must have to be the article itself
// rather than a teaser: feeds that carry whole articles give hundreds, teasers a sentence
// or two.
const fullTextWords = 80

// FetchOptions say whether and how kg fetches the pages of feed items that carry only a
// link.
type FetchOptions struct {
	Enabled   bool          // fetch them; without it they are counted and passed over
	Client    *http.Client  // http.DefaultClient's transport with Timeout if nil
	Timeout   time.Duration // for one page; DefaultFetchTimeout if 0
	MaxBytes  int           // the largest page; 8 MiB if 0
	UserAgent string        // DefaultUserAgent if ""
}

// Fetch defaults.
const (
	DefaultFetchTimeout = 20 * time.Second
	DefaultUserAgent    = "kg/1 (knowledge graph of the news; +https://kg-news.github.io/)"
	defaultFetchMax     = 8 << 20
)

// ErrLinkOnly marks a feed item with only a link, passed over without --fetch.
var ErrLinkOnly = errors.New("the feed item has only a link (kg build --fetch fetches its page)")

// FeedItem is one item of a feed, as kg reads it.
type FeedItem struct {
	Key   string // its GUID, else its link: what kg follow remembers
	Input Input
}

// parseFeed reads an RSS, Atom or JSON feed: each item whose content is the whole article
// becomes a text input; an item with only a link becomes a Page input that is fetched
// when asked for. Items are named by their link (else their GUID).
func parseFeed(r io.Reader, path string) ([]FeedItem, error) {
	f, err := gofeed.NewParser().Parse(r)
	if err != nil {
		return nil, fmt.Errorf("read the feed: %w", err)
	}
	var out []FeedItem
	for i, it := range f.Items {
		meta := extract.Meta{URL: strings.TrimSpace(it.Link), GUID: strings.TrimSpace(it.GUID), Language: f.Language}
		if it.PublishedParsed != nil {
			meta.Published = *it.PublishedParsed
		} else if it.UpdatedParsed != nil {
			meta.Published = *it.UpdatedParsed
		}
		for _, a := range it.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				meta.Authors = append(meta.Authors, strings.TrimSpace(a.Name))
			}
		}
		meta.Publisher = strings.TrimSpace(f.Title)
		if meta.Publisher == "" && meta.URL != "" {
			meta.Publisher = hostOf(meta.URL)
		}
		key := meta.GUID
		if key == "" {
			key = meta.URL
		}
		in := Input{Meta: meta, Path: fmt.Sprintf("%s#%d", path, i+1)}
		switch {
		case meta.URL != "":
			in.ID = urlID(meta.URL)
		case meta.GUID != "":
			in.ID = urlID(meta.GUID)
		default:
			in.ID = fmt.Sprintf("%s-%d", stem(path), i+1)
		}
		body := ""
		for _, c := range []string{it.Content, it.Description} {
			t, err := fragmentText(c)
			if err == nil && len(strings.Fields(t)) >= fullTextWords {
				body = t
				break
			}
		}
		switch {
		case body != "":
			in.Kind, in.Data = Text, withHeadline(strings.TrimSpace(it.Title), body)
		case meta.URL != "":
			in.Kind = Page
		default:
			continue // neither text nor a link: nothing to read
		}
		if key == "" {
			key = in.ID
		}
		out = append(out, FeedItem{Key: key, Input: in})
	}
	return out, nil
}

// fetchPage fetches a feed item's page, politely: one request, a timeout, a size limit and
// a User-Agent that says who asks.
func fetchPage(ctx context.Context, url string, fo FetchOptions) ([]byte, error) {
	return fetch(ctx, url, fo, true)
}

// ReadFeed reads a feed from an http(s) address, fetched as fetchPage fetches pages, or
// from a file (gzipped or not), and returns its items.
func ReadFeed(ctx context.Context, src string, fo FetchOptions) ([]FeedItem, error) {
	var data []byte
	var err error
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		if fo.MaxBytes <= 0 {
			fo.MaxBytes = maxFeedBytes
		}
		data, err = fetch(ctx, src, fo, false)
	} else {
		var f *os.File
		if f, err = os.Open(src); err != nil {
			return nil, fmt.Errorf("read the feed: %w", describeStatError(err))
		}
		defer f.Close()
		var r io.Reader = f
		br := bufio.NewReader(f)
		if head, _ := br.Peek(2); bytes.Equal(head, gzipMagic) {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("read the feed: %w", err)
			}
			r = zr
		} else {
			r = br
		}
		data, err = io.ReadAll(io.LimitReader(r, maxFeedBytes))
	}
	if err != nil {
		return nil, err
	}
	return parseFeed(bytes.NewReader(data), src)
}

func fetch(ctx context.Context, url string, fo FetchOptions, page bool) ([]byte, error) {
	timeout := fo.Timeout
	if timeout <= 0 {
		timeout = DefaultFetchTimeout
	}
	max := fo.MaxBytes
	if max <= 0 {
		max = defaultFetchMax
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	ua := fo.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	if page {
		req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	} else {
		req.Header.Set("Accept", "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.1")
	}
	client := fo.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, fmt.Errorf("fetch %s: no answer within %s", url, timeout)
		}
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", url, resp.Status)
	}
	if ct := resp.Header.Get("Content-Type"); page && !isHTMLType(ct) {
		return nil, fmt.Errorf("fetch %s: %s is not a web page", url, ct)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, int64(max)+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	if len(data) > max {
		return nil, fmt.Errorf("fetch %s: the page is over the limit of %d bytes", url, max)
	}
	return data, nil
}
