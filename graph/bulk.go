package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// The bulk path. A build into a new or empty bolt store needs none of the reads that
// keep an incremental write idempotent: every quad is new, and nobody sees the store
// until the articles are written. So a bulk Writer keeps the articles in memory and
// numbers their values and quads there exactly as Cayley's KV store does, transaction
// by transaction (each Write is one): the values new to a write take the next ids in
// the order of their hashes, then its quads, skipping those the store has already, and
// every value counts one reference per quad written with it. Commit then writes the
// whole layout into a new bolt file, bucket by bucket in key order, in large
// transactions, with no reads, and renames it over the store: a build killed before
// leaves the empty store it started from. The store the incremental path makes has the
// same keys and values, but for the times Cayley stamps on its log.
//
// The linking stage and the summary run after Commit, on the store, as they do after an
// incremental build.

// CanBulk reports whether a build may write s through the bulk path: s is a bolt store
// open for writing that holds no quads.
func (s *Store) CanBulk(ctx context.Context) (bool, error) {
	if s.bolt == nil || s.cfg.ReadOnly {
		return false, nil
	}
	st, err := s.QS.Stats(ctx, false)
	if errors.Is(err, kv.ErrNoBucket) {
		return true, nil // a new store: Cayley counts its quads from the first write
	}
	if err != nil {
		return false, fmt.Errorf("count the quads of %q: %w", s.cfg.Path, err)
	}
	return st.Quads.Value == 0, nil
}

// NewBulkWriter returns a Writer that writes s, a store for which CanBulk holds, through
// the bulk path: Write keeps the articles in memory and Commit writes them all. Its
// Write has the outcomes an incremental Writer's has.
func (s *Store) NewBulkWriter() *Writer {
	w := s.NewWriter()
	w.bulk = &bulkLayout{
		hashes: map[string]string{},
		docs:   map[string][]int32{},
		nodeOf: map[refs.ValueHash]int32{},
		quadOf: map[[4]uint64]int32{},
		max:    bulkMaxQuads,
	}
	return w
}

// HoldUpTo sets how many quads a bulk Writer holds before it commits and goes on
// incrementally (bulkMaxQuads unless set; about 150 bytes of memory a quad). kg bench
// raises it to write its large query stores in one commit. It does nothing on an
// incremental Writer.
func (w *Writer) HoldUpTo(quads int) {
	if w.bulk != nil && quads > 0 {
		w.bulk.max = quads
	}
}

// bulkLayout is a graph as Cayley's KV store lays it out, built in memory: values and
// quads numbered from one sequence (the "horizon"), each value with its count of
// references, each quad by the ids of its values.
type bulkLayout struct {
	hashes  map[string]string // content hash of each article written
	docs    map[string][]int32
	nodes   []bulkNode
	quads   []bulkQuad
	log     []int32 // by id - 1: a node index + 1, or -(a quad index + 1)
	nodeOf  map[refs.ValueHash]int32
	quadOf  map[[4]uint64]int32
	horizon uint64
	live    int // quads not deleted
	max     int // quads held at most before a commit (bulkMaxQuads)
}

type bulkNode struct {
	id   uint64
	hash refs.ValueHash
	refs int64
	val  quad.Value
}

// bulkQuad is a quad by the ids of its values, in the order of quad.Directions.
type bulkQuad struct {
	id   uint64
	dirs [4]uint64
	dead bool
}

// bulkWrite is Write on the bulk path.
func (w *Writer) bulkWrite(ctx context.Context, arts []Doc) ([]Result, error) {
	g := w.bulk
	results := make([]Result, 0, len(arts))
	seen := map[string]bool{}
	var add []quad.Quad
	var owners []string
	for i := range arts {
		a := &arts[i]
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if seen[a.ID] {
			return nil, fmt.Errorf("two articles have the id %q in one batch; rename one of the files", a.ID)
		}
		seen[a.ID] = true
		old := g.hashes[a.ID]
		if old == a.SHA256 && old != "" {
			results = append(results, Result{ID: a.ID, Outcome: Unchanged})
			continue
		}
		r := Result{ID: a.ID, Outcome: Added, Added: len(a.Quads)}
		if old != "" {
			r.Outcome, r.Deleted = Replaced, g.drop(a.ID, w.touched)
		}
		g.hashes[a.ID] = a.SHA256
		for _, q := range a.Quads {
			add = append(add, q)
			owners = append(owners, a.ID)
			linkKeyOf(q, w.touched)
		}
		results = append(results, r)
	}
	if len(add) > 0 && !w.pending {
		add = append(add, pendingQuad)
		owners = append(owners, "")
	}
	if len(add) > 0 {
		g.apply(add, owners)
		w.pending = true
	}
	if len(g.quads) >= g.max {
		// memory stays bounded: what is held goes to the store, and the rest of the
		// build writes it incrementally, as it would have from the start
		if err := w.Commit(ctx); err != nil {
			return nil, err
		}
	}
	return results, nil
}

// bulkMaxQuads is how many quads a bulk Writer holds at most, about 150 MB of memory;
// past them it commits and goes on as an incremental Writer. A build of the BBC corpus
// (2,225 articles) writes 380,000.
const bulkMaxQuads = 1_000_000

// apply adds qs in one transaction, as Cayley's KV ApplyDeltas does (graph/kv's
// applyAddDeltas); owners[i] is the article of qs[i].
func (g *bulkLayout) apply(qs []quad.Quad, owners []string) {
	type inc struct {
		hash refs.ValueHash
		val  quad.Value
		n    int64
	}
	incs := map[refs.ValueHash]*inc{}
	hashes := make([][4]refs.ValueHash, len(qs))
	for i, q := range qs {
		for d, dir := range quad.Directions {
			v := q.Get(dir)
			if v == nil {
				continue
			}
			h := refs.HashOf(v)
			hashes[i][d] = h
			n := incs[h]
			if n == nil {
				n = &inc{hash: h, val: v}
				incs[h] = n
			}
			n.n++ // Cayley counts a reference for each quad written, new or not
		}
	}
	var fresh []*inc
	for _, n := range incs {
		if i, ok := g.nodeOf[n.hash]; ok {
			g.nodes[i].refs += n.n
		} else {
			fresh = append(fresh, n)
		}
	}
	slices.SortFunc(fresh, func(a, b *inc) int { return bytes.Compare(a.hash[:], b.hash[:]) })
	for _, n := range fresh {
		g.horizon++
		i := int32(len(g.nodes))
		g.nodes = append(g.nodes, bulkNode{id: g.horizon, hash: n.hash, refs: n.n, val: n.val})
		g.nodeOf[n.hash] = i
		g.log = append(g.log, i+1)
	}
	for i := range qs {
		var key [4]uint64
		for d := range key {
			if hashes[i][d].Valid() {
				key[d] = g.nodes[g.nodeOf[hashes[i][d]]].id
			}
		}
		if _, ok := g.quadOf[key]; ok {
			continue // in the store already, or earlier in this write
		}
		g.horizon++
		qi := int32(len(g.quads))
		g.quads = append(g.quads, bulkQuad{id: g.horizon, dirs: key})
		g.quadOf[key] = qi
		g.log = append(g.log, -(qi + 1))
		g.live++
		if owners[i] != "" {
			g.docs[owners[i]] = append(g.docs[owners[i]], qi)
		}
	}
}

// drop deletes the quads of article id, as an incremental Writer does when its text
// changed, and returns how many it deleted.
func (g *bulkLayout) drop(id string, touched map[string]bool) int {
	n := 0
	for _, qi := range g.docs[id] {
		q := &g.quads[qi]
		if q.dead {
			continue
		}
		q.dead = true
		delete(g.quadOf, q.dirs)
		g.live--
		n++
		var qq quad.Quad
		for d, dir := range quad.Directions {
			if q.dirs[d] == 0 {
				continue
			}
			nd := &g.nodes[g.nodeIndex(q.dirs[d])]
			if nd.refs--; nd.refs == 0 {
				delete(g.nodeOf, nd.hash) // gone: a later quad with it makes it anew
			}
			qq.Set(dir, nd.val)
		}
		linkKeyOf(qq, touched)
	}
	delete(g.docs, id)
	return n
}

// nodeIndex returns the index of the node with id.
func (g *bulkLayout) nodeIndex(id uint64) int32 { return g.log[id-1] - 1 }

// Commit writes what a bulk Writer holds into its store, which must still hold no
// quads, and leaves the Writer empty; it does nothing for an incremental Writer. Until
// the new file is complete the store is untouched.
func (w *Writer) Commit(ctx context.Context) (err error) {
	g := w.bulk
	if g == nil || len(g.log) == 0 {
		return nil
	}
	s := w.s
	if ok, err := s.CanBulk(ctx); err != nil || !ok {
		if err == nil {
			err = fmt.Errorf("write the store %q: it is no longer empty", s.cfg.Path)
		}
		return err
	}
	tmp, err := tempFileBeside(s.cfg.Path)
	if err != nil {
		return fmt.Errorf("write the store: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if err := g.writeFile(ctx, tmp); err != nil {
		return fmt.Errorf("write the store: %w", err)
	}
	if err := s.swap(tmp); err != nil {
		return err
	}
	w.bulk = nil
	return nil
}

// swap renames the complete store file tmp over s's file, closes the old one and opens
// the new. A process waiting for the old file's lock meanwhile finds the file renamed
// when it gets it, and opens the new one (see openBoltFile).
func (s *Store) swap(tmp string) error {
	if err := os.Rename(tmp, s.cfg.Path); err != nil {
		return fmt.Errorf("write the store: %w", err)
	}
	if err := s.QS.Close(); err != nil {
		return fmt.Errorf("write the store: %w", err)
	}
	qs, db, err := openBolt(s.cfg)
	if err != nil {
		s.QS, s.bolt = nil, nil
		return err
	}
	s.QS, s.bolt = qs, db
	return nil
}

// bulkBatch is how many keys one transaction of the bulk writer puts. Bolt keeps every
// page a transaction dirties in memory until it commits; this bounds them to a few tens
// of megabytes.
const bulkBatch = 250_000

// writeFile writes the layout into a new bolt store at path.
func (g *bulkLayout) writeFile(ctx context.Context, path string) error {
	// about 200 bytes a quad, as the stores of the BBC corpus take
	opts := cgraph.Options{optTimeout: DefaultLockTimeout.String(), optNoSync: true, "upfront": true, kv.OptNoBloom: true,
		optMmap: 1<<24 + 256*len(g.quads)}
	hdb, err := openBoltFile(path, opts)
	if err != nil {
		return err
	}
	if err := kv.Init(hdb, opts); err != nil {
		hdb.Close()
		return err
	}
	w := &bulkWriter{db: hdb.DB()}
	err = g.writeBuckets(ctx, w)
	if err == nil {
		err = w.flush()
	}
	if err == nil {
		err = hdb.DB().Sync()
	}
	if cerr := hdb.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeBuckets puts every key of the layout, bucket by bucket and in key order within
// each: the log, the values by hash and their counts of references, the quad indexes
// and the counters of the meta bucket.
func (g *bulkLayout) writeBuckets(ctx context.Context, w *bulkWriter) error {
	// the sorting is done on the other cores while the log is written
	byHash := make(chan []int32, 2)
	go func() {
		order := make([]int32, 0, len(g.nodes))
		for i := range g.nodes {
			if g.nodes[i].refs > 0 {
				order = append(order, int32(i))
			}
		}
		slices.SortFunc(order, func(a, b int32) int { return bytes.Compare(g.nodes[a].hash[:], g.nodes[b].hash[:]) })
		byHash <- order
		byHash <- order
	}()
	indexes := make([]chan bulkIndex, len(kv.DefaultQuadIndexes))
	for i, ind := range kv.DefaultQuadIndexes {
		indexes[i] = make(chan bulkIndex, 1)
		go func() { indexes[i] <- g.index(ind) }()
	}
	now := time.Now().UnixNano()
	logBucket := []byte("log")
	for i, e := range g.log {
		var p *cproto.Primitive
		id := uint64(i) + 1
		if e > 0 {
			n := &g.nodes[e-1]
			if n.refs <= 0 {
				continue // every quad that named it was deleted
			}
			b, err := pquads.MarshalValue(n.val)
			if err != nil {
				return err
			}
			p = &cproto.Primitive{ID: id, Value: b, Timestamp: now}
		} else {
			q := &g.quads[-e-1]
			if q.dead {
				continue
			}
			p = &cproto.Primitive{ID: id, Subject: q.dirs[0], Predicate: q.dirs[1], Object: q.dirs[2], Label: q.dirs[3], Timestamp: now}
		}
		buf, err := proto.Marshal(p)
		if err != nil {
			return err
		}
		if err := w.put(logBucket, binary.BigEndian.AppendUint64(nil, id), buf); err != nil {
			return err
		}
		if i%65536 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	for _, prefix := range []byte{'n', 'v'} {
		for _, i := range <-byHash {
			n := &g.nodes[i]
			val := n.id
			if prefix == 'n' {
				val = uint64(n.refs)
			}
			if err := w.put([]byte{prefix, n.hash[0], n.hash[1]}, n.hash[:], binary.AppendUvarint(nil, val)); err != nil {
				return err
			}
		}
	}
	for _, ch := range indexes {
		x := <-ch
		for _, e := range x.entries {
			if err := w.put(x.bucket, e.key, e.list); err != nil {
				return err
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	for _, c := range []struct {
		name string
		v    uint64
	}{{"horizon", g.horizon}, {"size", uint64(g.live)}} {
		if err := w.put([]byte("meta"), []byte(c.name), binary.LittleEndian.AppendUint64(nil, c.v)); err != nil {
			return err
		}
	}
	return nil
}

// bulkIndex is one quad index: under the ids of the values of its directions, the
// ids of the quads that have them, in ascending order.
type bulkIndex struct {
	bucket  []byte
	entries []bulkEntry
}

type bulkEntry struct{ key, list []byte }

// index lays out the quad index ind, in key order.
func (g *bulkLayout) index(ind kv.QuadIndex) bulkIndex {
	bucket := make([]byte, len(ind.Dirs))
	pos := make([]int, len(ind.Dirs))
	for i, d := range ind.Dirs {
		bucket[i] = d.Prefix()
		pos[i] = int(d - quad.Subject)
	}
	type row struct{ k [4]uint64 } // the ids of the directions, then the quad's
	rows := make([]row, 0, g.live)
	for i := range g.quads {
		q := &g.quads[i]
		if q.dead {
			continue
		}
		var r row
		for j, p := range pos {
			r.k[j] = q.dirs[p]
		}
		r.k[len(pos)] = q.id
		rows = append(rows, r)
	}
	n := len(pos)
	slices.SortFunc(rows, func(a, b row) int {
		for j := 0; j <= n; j++ {
			if a.k[j] != b.k[j] {
				return cmp.Compare(a.k[j], b.k[j])
			}
		}
		return 0
	})
	x := bulkIndex{bucket: bucket}
	for i := 0; i < len(rows); {
		first := rows[i].k
		key := make([]byte, 0, 8*n)
		for j := 0; j < n; j++ {
			key = binary.BigEndian.AppendUint64(key, first[j])
		}
		var list []byte
		for ; i < len(rows) && sameKey(rows[i].k, first, n); i++ {
			list = binary.AppendUvarint(list, rows[i].k[n])
		}
		x.entries = append(x.entries, bulkEntry{key, list})
	}
	return x
}

func sameKey(a, b [4]uint64, n int) bool {
	for j := 0; j < n; j++ {
		if a[j] != b[j] {
			return false
		}
	}
	return true
}

// bulkWriter puts keys into bolt buckets, bulkBatch of them to a transaction.
type bulkWriter struct {
	db   *bolt.DB
	tx   *bolt.Tx
	n    int
	name []byte       // the bucket of the last put
	b    *bolt.Bucket // and the bucket itself, in tx
}

func (w *bulkWriter) put(bucket, key, val []byte) error {
	if w.tx == nil {
		tx, err := w.db.Begin(true)
		if err != nil {
			return err
		}
		w.tx = tx
	}
	if w.b == nil || !bytes.Equal(bucket, w.name) {
		b := w.tx.Bucket(bucket)
		if b == nil {
			var err error
			if b, err = w.tx.CreateBucket(bucket); err != nil {
				return fmt.Errorf("bucket %q: %w", bucket, err)
			}
		}
		b.FillPercent = 0.95 // keys come in order: fill each page, split none twice
		w.b, w.name = b, append(w.name[:0], bucket...)
	}
	if err := w.b.Put(key, val); err != nil {
		return err
	}
	if w.n++; w.n >= bulkBatch {
		return w.flush()
	}
	return nil
}

func (w *bulkWriter) flush() error {
	if w.tx == nil {
		return nil
	}
	err := w.tx.Commit()
	w.tx, w.n, w.b = nil, 0, nil
	if err != nil {
		return err
	}
	return nil
}
