package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph/voc"
)

// Bolt keeps no checksum of its data pages: a flipped bit in a value reads back as another
// value, silently. So each article carries a digest of its quads as they were written
// (<doc:ID> kg:digest "…"), which kg check and kg build compare with what the store holds.

// digestOf returns the digest of an article's quads, leaving out its digest quad.
func digestOf(qs []quad.Quad) string {
	lines := make([]string, 0, len(qs))
	for _, q := range qs {
		if q.Predicate == quad.IRI(voc.Digest) {
			continue
		}
		lines = append(lines, q.NQuad())
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// digestQuad is the quad that records the digest of article id's quads qs.
func digestQuad(id string, qs []quad.Quad) quad.Quad {
	return quad.Quad{Subject: voc.DocIRI(id), Predicate: quad.IRI(voc.Digest), Object: quad.String(digestOf(qs)), Label: voc.DocIRI(id)}
}

// ArticleState is what VerifyArticle found.
type ArticleState int

// States of an article in the store.
const (
	ArticleAbsent   ArticleState = iota // the store does not have it
	ArticleSound                        // its quads match their digest
	ArticleDamaged                      // they do not: the store changed under it
	ArticleUnsigned                     // written by a kg without digests: not checked
)

// VerifyArticle reads article id's quads and compares them with their digest.
func (s *Store) VerifyArticle(ctx context.Context, id string) (ArticleState, error) {
	qs, err := s.ArticleQuads(ctx, id)
	if err != nil || len(qs) == 0 {
		return ArticleAbsent, err
	}
	return verifyQuads(qs), nil
}

func verifyQuads(qs []quad.Quad) ArticleState {
	var want []string
	for _, q := range qs {
		if q.Predicate == quad.IRI(voc.Digest) {
			want = append(want, quadString(q.Object))
		}
	}
	switch {
	case len(want) == 0:
		return ArticleUnsigned
	case len(want) == 1 && want[0] == digestOf(qs):
		return ArticleSound
	}
	return ArticleDamaged
}
