package ingest

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/nlnwa/gowarc/v3"

	"github.com/kg-news/kg/extract"
)

// readWARC sends one input per HTML page a web archive holds: each response (or
// resource) record of a successful fetch whose content is HTML, named by its target URI.
// Other records (requests, metadata, images, redirects) are passed over. It reads the
// archive as a stream, record by record, so an archive may be any size; a page over
// maxBytes is reported and skipped. r yields the archive's bytes, already uncompressed
// when the whole file was gzipped; records gzipped one by one (.warc.gz) are read by
// gowarc.
func readWARC(r io.Reader, path string, maxBytes int, send func(Input) error) error {
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn), gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore))
	if err != nil {
		return fmt.Errorf("read WARC: %w", err)
	}
	defer wr.Close()
	n, pages := 0, 0
	for {
		rec, err := wr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		n++
		if err != nil {
			if pages == 0 && n == 1 {
				return fmt.Errorf("read WARC: %w", err)
			}
			return send(Input{ID: fmt.Sprintf("record-%d", n), Path: fmt.Sprintf("%s#%d", path, n), Err: fmt.Errorf("WARC record %d: %w", n, err)})
		}
		in, ok, err := warcPage(rec.WarcRecord, maxBytes)
		rec.Close()
		if !ok {
			continue
		}
		pages++
		in.Path = path + "#" + in.Meta.URL
		in.ID = urlID(in.Meta.URL)
		in.Err = err
		if err := send(in); err != nil {
			return err
		}
	}
	return nil
}

// warcPage reads the HTML page of a record, or reports that it holds none.
func warcPage(rec gowarc.WarcRecord, maxBytes int) (Input, bool, error) {
	if rec == nil {
		return Input{}, false, nil
	}
	uri := rec.WarcHeader().Get(gowarc.WarcTargetURI)
	if uri == "" {
		return Input{}, false, nil
	}
	var payload io.Reader
	switch rec.Type() {
	case gowarc.Response:
		b, ok := rec.Block().(gowarc.HttpResponseBlock)
		if !ok || b.HttpStatusCode() != 200 || !isHTMLType(b.HttpHeader().Get("Content-Type")) {
			return Input{}, false, nil
		}
		pr, err := b.PayloadBytes()
		if err != nil {
			return Input{Meta: extract.Meta{URL: uri}}, true, fmt.Errorf("read the page: %w", err)
		}
		payload = pr
	case gowarc.Resource:
		if !isHTMLType(rec.WarcHeader().Get(gowarc.ContentType)) {
			return Input{}, false, nil
		}
		pr, err := rec.Block().RawBytes()
		if err != nil {
			return Input{Meta: extract.Meta{URL: uri}}, true, fmt.Errorf("read the page: %w", err)
		}
		payload = pr
	default:
		return Input{}, false, nil
	}
	in := Input{Kind: HTML, Meta: extract.Meta{URL: uri}}
	data, err := readLimited(payload, maxBytes)
	if err != nil {
		return in, true, err
	}
	in.Data = data
	return in, true, nil
}

// isHTMLType reports whether a Content-Type is a web page's; an absent one may be.
func isHTMLType(ct string) bool {
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return strings.Contains(strings.ToLower(ct), "html")
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}
