package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	nurl "net/url"
	"strings"
	"unicode"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
)

// urlID names an article found at an address: the last part of its path, made fit for an
// id, and a short hash of the whole address, so that two articles whose paths end alike
// ("/index.html") are told apart and a rebuild gives the same id again.
func urlID(addr string) string {
	sum := sha256.Sum256([]byte(addr))
	h := hex.EncodeToString(sum[:4])
	name := ""
	if u, err := nurl.Parse(addr); err == nil {
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		for i := len(parts) - 1; i >= 0 && name == ""; i-- {
			p := parts[i]
			if j := strings.LastIndexByte(p, '.'); j > 0 {
				p = p[:j]
			}
			if p != "" && p != "index" && !isDigits(p) {
				name = p
			}
		}
		if name == "" {
			name = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
		if b.Len() >= 60 {
			break
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return "page_" + h
	}
	return s + "_" + h
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// hostOf is the host of an address without "www.", or "".
func hostOf(addr string) string {
	u, err := nurl.Parse(strings.TrimSpace(addr))
	if err != nil || u.Host == "" {
		if err == nil && u.Scheme == "" && u.Path != "" && !strings.Contains(u.Path, "/") {
			return strings.TrimPrefix(u.Path, "www.") // "example.com"
		}
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// errTwice marks an input named twice in one build.
var errTwice = errors.New("read already")

// identities decides the id each article of a build is written under:
//   - an article with the address of one the store holds (or one written earlier in this
//     build) takes that article's id, so that it replaces it;
//   - an article whose id is taken, in this build by another file or in the store by an
//     article at another address, gets an id of its own: its id and a short hash of its
//     address, else of its path.
type identities struct {
	st      *graph.Store
	paths   map[string]string // id -> the path written under it in this build
	urls    map[string]string // address -> id, in this build
	inBatch map[string]bool   // ids in the batch not yet written
}

func newIdentities(st *graph.Store) *identities {
	return &identities{st: st, paths: map[string]string{}, urls: map[string]string{}, inBatch: map[string]bool{}}
}

// assign sets d.ID, and reports whether that id is in the batch not yet written. When
// the id of its file name was taken, other is the article that has it.
func (ids *identities) assign(ctx context.Context, d *extract.Document, path string) (inBatch bool, other string, err error) {
	if u := d.Meta.URL; u != "" {
		id, ok := ids.urls[u]
		if !ok && ids.st != nil {
			if id, err = ids.st.ArticleByURL(ctx, u); err != nil {
				return false, "", err
			}
		}
		if id != "" {
			d.ID = id
			ids.paths[id] = path
			return ids.inBatch[id], "", nil
		}
	}
	if prev, ok := ids.paths[d.ID]; ok && prev == path && (d.Meta.URL == "" || ids.urls[d.Meta.URL] == d.ID) {
		return false, "", fmt.Errorf("%w: %s is named twice in this build", errTwice, path)
	}
	base := d.ID
	for try := 0; ; try++ {
		taken, by, err := ids.taken(ctx, d, path)
		if err != nil {
			return false, "", err
		}
		if !taken {
			break
		}
		if other == "" {
			other = by
		}
		key := d.Meta.URL
		if key == "" {
			key = path
		}
		if try > 0 {
			key += fmt.Sprint(try)
		}
		d.ID = extract.ArticleID(base + "_" + shortHash([]byte(key))[:8])
	}
	ids.paths[d.ID] = path
	return false, other, nil
}

// taken reports whether d's id names another article, and which: another path in this
// build, an article at another address in the store, or, for an article with no address,
// one in the store read from another file and with another text (a.txt in two folders;
// the same text is the same article, moved or copied).
func (ids *identities) taken(ctx context.Context, d *extract.Document, path string) (bool, string, error) {
	if prev, ok := ids.paths[d.ID]; ok && prev != path {
		return true, prev, nil
	}
	if ids.st == nil {
		return false, "", nil
	}
	if d.Meta.URL == "" {
		hash, stored, err := ids.st.ArticleSource(ctx, d.ID)
		if err != nil {
			return false, "", err
		}
		return hash != "" && stored != path && hash != d.SHA256, stored, nil
	}
	u, err := ids.st.ArticleURL(ctx, d.ID)
	if err != nil {
		return false, "", err
	}
	return u != "" && u != d.Meta.URL, u, nil
}

// written records that d goes into the batch.
func (ids *identities) written(d *extract.Document) {
	ids.inBatch[d.ID] = true
	if d.Meta.URL != "" {
		ids.urls[d.Meta.URL] = d.ID
	}
}

// flushed records that the batch was written.
func (ids *identities) flushed() { clear(ids.inBatch) }

// Renamed is an article written under an id of its own because another article, in the
// store or earlier in the build, has the id of its file name: two folders may each hold
// a 1.txt.
type Renamed struct {
	Path  string // the article's file
	ID    string // the id it is written under
	Other string // the article that has the id of the file name (its file or address)
}

// IDs gives the articles of one run without a store ids of their own, as a build does,
// for kg extract.
type IDs struct{ ids *identities }

// NewIDs returns the ids of a run with no article yet.
func NewIDs() *IDs { return &IDs{newIdentities(nil)} }

// Claim sets d.ID as a build would; other is the article that had the id of its file
// name, when it was taken. A file named twice is an error.
func (x *IDs) Claim(d *extract.Document, path string) (other string, err error) {
	_, other, err = x.ids.assign(context.Background(), d, path)
	if err == nil {
		x.ids.written(d)
	}
	return other, err
}
