package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/kg-news/kg/extract"
)

// maxFeedBytes bounds a feed read whole; feeds are small, archives and JSON Lines are
// read as streams.
const maxFeedBytes = 64 << 20

// gzipMagic starts every gzip stream.
var gzipMagic = []byte{0x1f, 0x8b}

// notArticle is the error of a named file that is none of the kinds kg reads.
func notArticle(reason string) error {
	if reason == "" {
		return fmt.Errorf("%w: %s", ErrNotArticle, Reads)
	}
	return fmt.Errorf("%w (%s): %s", ErrNotArticle, reason, Reads)
}

// readPath reads the articles of one file and sends them. named says the user named the
// file: one that is not an article is then refused with a sentence saying what kg reads,
// while one met in a folder is passed over. It reports whether it sent anything.
func readPath(p string, st fs.FileInfo, named bool, maxBytes int, send func(Input) error) (bool, error) {
	byName, hasExt := kindOfName(p)
	if hasExt && byName == Unknown {
		if !named {
			return false, nil
		}
		return true, send(Input{ID: stem(p), Path: p, Err: notArticle("")})
	}
	if !st.Mode().IsRegular() {
		return true, send(readFile(p, st, maxBytes)) // says what it is
	}
	_, _, gz := baseExt(p)
	if (byName == Text || byName == HTML) && !gz {
		// one article: read whole, within the limit, as before
		in := readFile(p, st, maxBytes)
		in.Kind = byName
		if in.Err == nil && byName == Text && !isTxt(p) {
			if reason := notProse(in.Data); reason != "" {
				if !named {
					return false, nil
				}
				in.Data, in.Err = nil, notArticle(reason)
			}
		}
		return true, send(in)
	}
	f, err := os.Open(p)
	if err != nil {
		return true, send(Input{ID: stem(p), Path: p, Err: describeStatError(err)})
	}
	defer f.Close()
	return readStream(f, p, stem(p), byName, named, maxBytes, send)
}

// isTxt reports whether a file's name vouches that it is text: .txt, gzipped or not.
func isTxt(p string) bool {
	_, ext, _ := baseExt(p)
	return ext == ".txt" || ext == ".text"
}

// readStream reads the articles of r, of the kind its name says (Unknown when it says
// none), and sends them. Gzip is read transparently.
func readStream(r io.Reader, p, id string, byName Kind, named bool, maxBytes int, send func(Input) error) (bool, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(2); bytes.Equal(head, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return true, send(Input{ID: id, Path: p, Err: fmt.Errorf("read gzip: %w", err)})
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	head, _ := br.Peek(4096)
	kind := byName
	bySniff := sniff(head)
	switch {
	case byName == Unknown:
		kind = bySniff
	case byName == Feed && bySniff != Feed:
		kind = Unknown // an .xml file that is no feed
	}
	if kind == Text && bytes.IndexByte(head, 0) >= 0 && byName != Text {
		kind = Unknown
	}
	refuse := func(reason string) (bool, error) {
		if !named {
			return false, nil
		}
		return true, send(Input{ID: id, Path: p, Err: notArticle(reason)})
	}
	fail := func(err error) (bool, error) { return true, send(Input{ID: id, Path: p, Err: err}) }
	sent := false
	counted := func(in Input) error { sent = true; return send(in) }
	switch kind {
	case Unknown:
		if bytes.IndexByte(head, 0) >= 0 {
			return refuse("a binary file")
		}
		return refuse("")
	case Text, HTML:
		data, err := readLimited(br, maxBytes)
		if err != nil {
			return fail(err)
		}
		if kind == Text && !isTxt(p) && p != Stdin {
			if reason := notProse(data); reason != "" {
				return refuse(reason)
			}
		}
		if id == "stdin" {
			id = "stdin-" + shortHash(data)
		}
		return true, send(Input{ID: id, Path: p, Kind: kind, Data: data})
	case JSON:
		err := readJSON(br, p, id, maxBytes, counted)
		if errors.Is(err, errNoJSONArticles) && !named && !sent {
			return false, nil // a JSON file of another sort, met in a folder
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			if sent {
				return true, err
			}
			return fail(err)
		}
		return true, err
	case WARC:
		err := readWARC(br, p, maxBytes, counted)
		if err != nil && !sent && !errors.Is(err, context.Canceled) {
			return fail(err)
		}
		return true, err
	case Feed:
		items, err := parseFeed(io.LimitReader(br, maxFeedBytes), p)
		if err != nil {
			return fail(err)
		}
		if len(items) == 0 {
			return fail(errors.New("the feed has no items"))
		}
		for _, it := range items {
			if err := send(it.Input); err != nil {
				return true, err
			}
		}
		return true, nil
	}
	return refuse("")
}

// Prepare turns an input into the text and metadata kg extracts from: a page's main
// text, a feed item's page fetched when fo allows it, a text as it is.
func Prepare(ctx context.Context, in Input, fo FetchOptions) ([]byte, extract.Meta, error) {
	if in.Err != nil {
		return nil, in.Meta, in.Err
	}
	switch in.Kind {
	case HTML:
		return prepareHTML(in.Data, in.Meta)
	case Page:
		if !fo.Enabled {
			return nil, in.Meta, ErrLinkOnly
		}
		page, err := fetchPage(ctx, in.Meta.URL, fo)
		if err != nil {
			return nil, in.Meta, err
		}
		return prepareHTML(page, in.Meta)
	}
	return in.Data, in.Meta, nil
}

// prepareHTML extracts a page, keeping what the source (a WARC record, a feed item) said
// where the page says nothing.
func prepareHTML(page []byte, known extract.Meta) ([]byte, extract.Meta, error) {
	if len(bytes.TrimSpace(page)) == 0 {
		return nil, known, extract.ErrEmpty
	}
	if bytes.IndexByte(page[:min(len(page), 8192)], 0) >= 0 {
		return nil, known, extract.ErrBinary
	}
	text, meta, err := fromHTML(page, known.URL)
	if err != nil {
		return nil, known, err
	}
	if known.URL != "" {
		meta.URL = known.URL // where it was found: a feed's link, a WARC record's target
	}
	if meta.Published.IsZero() {
		meta.Published = known.Published
	}
	if len(meta.Authors) == 0 {
		meta.Authors = known.Authors
	}
	if meta.Publisher == "" {
		meta.Publisher = known.Publisher
	}
	if meta.Language == "" {
		meta.Language = known.Language
	}
	meta.GUID = known.GUID
	return text, meta, nil
}

// Extract prepares an input and extracts its article.
func Extract(ctx context.Context, x *extract.Extractor, in Input, fo FetchOptions) (*extract.Document, error) {
	text, meta, err := Prepare(ctx, in, fo)
	if err != nil {
		return nil, err
	}
	return x.ExtractMeta(in.ID, in.Path, text, meta)
}
