package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
)

// Renamed is an article stored under an id of its own because another article, in the
// store or earlier in the build, has its file name: two folders may each hold a 1.txt.
type Renamed struct {
	Path  string // the article's file
	ID    string // the id it is stored under
	Other string // the file that has the id of the file name
}

// claimID gives d the id of its file name unless another article has it: one earlier in
// this build (ids) or in the store, read from another file and with another text. Then d
// gets the id of its file name and a hash of its path, the same every time it is built
// from there, and claimID returns the other article's path in other. An article of the
// build with the id of one before it and the same text or file (a copy, a file named
// twice) is that article again: claimID returns its path in same, and d is not stored.
// With no store, only the build's own articles count.
func claimID(ctx context.Context, st *graph.Store, ids map[string]*extract.Document, d *extract.Document) (other, same string, err error) {
	if prev, ok := ids[d.ID]; ok {
		if prev.Path == d.Path || prev.SHA256 == d.SHA256 {
			return "", prev.Path, nil
		}
		other = prev.Path
	} else if st != nil {
		hash, path, err := st.ArticleSource(ctx, d.ID)
		if err != nil {
			return "", "", err
		}
		if hash != "" && path != d.Path && hash != d.SHA256 {
			other = path
		}
	}
	if other != "" {
		sum := sha256.Sum256([]byte(d.Path))
		d.ID = extract.ArticleID(d.ID + "-" + hex.EncodeToString(sum[:4]))
		if prev, ok := ids[d.ID]; ok {
			return "", "", fmt.Errorf("%s and %s both make the article id %q; rename one of them", prev.Path, d.Path, d.ID)
		}
	}
	ids[d.ID] = d
	return other, "", nil
}

// IDs gives the articles of one run ids of their own, as kg build does, for kg extract.
type IDs struct{ byID map[string]*extract.Document }

// NewIDs returns an empty set of ids.
func NewIDs() *IDs { return &IDs{byID: map[string]*extract.Document{}} }

// Claim is claimID over the articles claimed so far, without a store.
func (x *IDs) Claim(d *extract.Document) (other, same string, err error) {
	return claimID(context.Background(), nil, x.byID, d)
}
