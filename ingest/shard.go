package ingest

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is one process's share of a corpus that several processes build into one store
// (kg build --shard N/OF): share N of OF, counted from 1.
//
// An input belongs to the share that the FNV-1a hash of its id, modulo OF, names: the id
// an input has before it is read (its file name without extension, or for a record of a
// JSON Lines file, a WARC archive or a feed, the name made from its address). So the
// split depends on nothing but the inputs, not on the machine, the order of the walk or
// the other shares; and the inputs whose ids may collide (two folders' 1.txt, two records
// of one address) are in one share, where they are written in the order a sequential
// build writes them. Only HTML files that give one address under different file names
// may land in two shares: which of them is kept then depends on which is written first.
type Shard struct {
	N, Of int
}

// ParseShard reads "N/OF", as in --shard 2/4.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	n, err1 := strconv.Atoi(strings.TrimSpace(a))
	of, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || of < 1 || n < 1 || n > of {
		return Shard{}, fmt.Errorf("a share is N/OF with 1 ≤ N ≤ OF, as in 2/4 (the second of four), not %q", s)
	}
	return Shard{N: n, Of: of}, nil
}

// String is the share as ParseShard reads it.
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.N, s.Of) }

// Takes reports whether in belongs to the share; every input does when Of is 0.
func (s Shard) Takes(in Input) bool {
	if s.Of <= 1 {
		return true
	}
	return ShardOf(in.ID, s.Of) == s.N
}

// ShardOf is the share, from 1 to of, that the input with the id id belongs to.
func ShardOf(id string, of int) int {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int(h.Sum64()%uint64(of)) + 1
}
