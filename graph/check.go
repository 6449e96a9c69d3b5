package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cespare/xxhash/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/kg-news/kg/graph/voc"
)

// ErrDamaged marks a store whose file is damaged: cut short, its header or pages
// overwritten, or its bytes changed since kg last wrote it.
var ErrDamaged = errors.New("store is damaged")

// damaged is the sentence for a damaged store.
func damaged(path, what string) error {
	return fmt.Errorf("open store %q: %w: %s; build the articles again into a new store (kg build --store NEW.db ...), and kg check tells what is left", path, ErrDamaged, what)
}

// boltMeta is the part of a bolt meta page kg checks.
type boltMeta struct {
	pageSize           uint32
	root, free, pages  uint64
	txid               uint64
	magicOK, versionOK bool
	sumOK              bool
}

const (
	boltMagic   = 0xED0CDAED
	boltVersion = 2
	pageHeader  = 16
	metaSumEnd  = 56 // the meta's bytes before its checksum
)

// parseMeta reads the meta page at data[off:].
func parseMeta(data []byte, off int) (boltMeta, bool) {
	if len(data) < off+pageHeader+metaSumEnd+8 {
		return boltMeta{}, false
	}
	m := data[off+pageHeader:]
	le := binary.LittleEndian
	bm := boltMeta{
		pageSize: le.Uint32(m[8:]), root: le.Uint64(m[16:]), free: le.Uint64(m[32:]), pages: le.Uint64(m[40:]), txid: le.Uint64(m[48:]),
		magicOK: le.Uint32(m[0:]) == boltMagic, versionOK: le.Uint32(m[4:]) == boltVersion,
	}
	h := fnv.New64a()
	h.Write(m[:metaSumEnd])
	bm.sumOK = h.Sum64() == le.Uint64(m[metaSumEnd:])
	return bm, true
}

func (m boltMeta) valid() bool { return m.magicOK && m.versionOK && m.sumOK && m.pageSize >= 512 }

// readBoltMeta reads the two meta pages of the bolt file at path and returns the one bolt
// would use (the valid one with the later transaction), and the file's size.
func readBoltMeta(path string) (boltMeta, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return boltMeta{}, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return boltMeta{}, 0, err
	}
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	m0, ok0 := parseMeta(head[:n], 0)
	size := uint32(4096)
	if ok0 && m0.valid() {
		size = m0.pageSize
	}
	second := make([]byte, pageHeader+metaSumEnd+8)
	n, _ = f.ReadAt(second, int64(size))
	m1, ok1 := parseMeta(second[:n], 0)
	switch {
	case ok0 && m0.valid() && ok1 && m1.valid():
		if m1.txid > m0.txid {
			return m1, st.Size(), nil
		}
		return m0, st.Size(), nil
	case ok0 && m0.valid():
		return m0, st.Size(), nil
	case ok1 && m1.valid():
		return m1, st.Size(), nil
	case ok0 && m0.magicOK && !m0.versionOK && m0.sumOK:
		return boltMeta{}, st.Size(), fmt.Errorf("it is a bolt file of another version")
	case ok0 && m0.magicOK || ok1 && m1.magicOK:
		return boltMeta{}, st.Size(), errBadHeader
	}
	return boltMeta{}, st.Size(), errNotBolt
}

var (
	errBadHeader = errors.New("both copies of its header fail their checksum")
	errNotBolt   = errors.New("the file is not a kg store")
)

// checkBoltFile checks, cheaply, that the file at path can be a whole bolt store: a header
// that passes its checksum, a file as long as the header says, root and free-list pages
// inside it. Bolt maps the file into memory and reading a page past its end would kill the
// process with SIGBUS; a store cut short is refused here instead.
func checkBoltFile(path string) error {
	m, size, err := readBoltMeta(path)
	switch {
	case errors.Is(err, errNotBolt):
		return fmt.Errorf("open store %q: the file is not a kg store", path)
	case errors.Is(err, errBadHeader):
		return damaged(path, "both copies of its header fail their checksum")
	case err != nil:
		return fmt.Errorf("open store %q: %w", path, err)
	}
	need := int64(m.pages) * int64(m.pageSize)
	switch {
	case size < need:
		return damaged(path, fmt.Sprintf("the file is %d bytes, and its header says it holds %d: it was cut short", size, need))
	case m.root >= m.pages || m.free >= m.pages && m.free != 0xffffffffffffffff || m.root < 2:
		return damaged(path, fmt.Sprintf("its header points at page %d or %d of %d", m.root, m.free, m.pages))
	}
	return nil
}

// The sum file beside a bolt store (kg.db.sum) holds a hash of the whole file as the last
// writer closed it, with the transaction and size it had, so that a writer opening the
// store can tell bytes that changed with no write of kg's (a disk or copy error, a flip)
// from its own writes. A writer marks it "writing" while the store is open, so that a
// writer killed half-way leaves a store that is not checked rather than one taken for
// damaged.

const sumMagic = "kg-store-sum v1"

func sumPath(path string) string { return path + ".sum" }

// fileSum hashes the file at path.
func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := xxhash.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return strconv.FormatUint(h.Sum64(), 16), nil
}

// SumState is what the sum file says about a bolt store.
type SumState int

// States of the sum file.
const (
	SumAbsent  SumState = iota // no sum file: written by a kg without one
	SumWriting                 // the last writer did not close the store: not checked
	SumStale                   // the store was written since (by another program): not checked
	SumMatches                 // the file is as kg last closed it
	SumDiffers                 // it is not, with no write in between: damaged
)

// checkSum compares the store at path with its sum file.
func checkSum(path string) (SumState, error) {
	data, err := os.ReadFile(sumPath(path))
	if errors.Is(err, os.ErrNotExist) {
		return SumAbsent, nil
	}
	if err != nil {
		return SumAbsent, err
	}
	f := strings.Fields(string(data))
	if len(f) < 3 || strings.Join(f[:2], " ") != sumMagic {
		return SumAbsent, nil
	}
	if f[2] == "writing" || len(f) < 6 {
		return SumWriting, nil
	}
	m, size, err := readBoltMeta(path)
	if err != nil {
		return SumDiffers, nil
	}
	if f[2] != "txid="+strconv.FormatUint(m.txid, 10) {
		return SumStale, nil
	}
	if f[3] != "size="+strconv.FormatInt(size, 10) {
		return SumDiffers, nil
	}
	sum, err := fileSum(path)
	if err != nil {
		return SumAbsent, err
	}
	if f[4] != "xxh64="+sum {
		return SumDiffers, nil
	}
	return SumMatches, nil
}

// markWriting records that the store at path is open for writing.
func markWriting(path string) error {
	return writeFileAtomic(sumPath(path), sumMagic+" writing\n")
}

// writeSum records the store at path as it is now, closed.
func writeSum(path string) error {
	m, size, err := readBoltMeta(path)
	if err != nil {
		return err
	}
	sum, err := fileSum(path)
	if err != nil {
		return err
	}
	return writeFileAtomic(sumPath(path), fmt.Sprintf("%s txid=%d size=%d xxh64=%s end\n", sumMagic, m.txid, size, sum))
}

func writeFileAtomic(path, data string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// CheckReport is what Check found.
type CheckReport struct {
	Articles  int      // articles in the store
	Faults    []string // what bolt's consistency check found
	Sum       SumState // bolt stores: the sum file's verdict
	Unchecked bool     // the store could not be read far enough to count its articles
}

// Sound reports whether Check found nothing wrong.
func (r CheckReport) Sound() bool {
	return len(r.Faults) == 0 && r.Sum != SumDiffers && !r.Unchecked
}

// Check reads the whole store: bolt's consistency check of every page and the sum file
// (bolt stores), and the list of its articles.
func (s *Store) Check(ctx context.Context) (rep CheckReport, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	if s.bolt != nil {
		if rep.Sum, err = checkSum(s.cfg.Path); err != nil {
			return rep, err
		}
		err := func() (err error) {
			defer recoverDamage(&err)
			return s.bolt.View(func(tx *bolt.Tx) error {
				for e := range tx.Check() {
					rep.Faults = append(rep.Faults, e.Error())
					if len(rep.Faults) >= 20 {
						break
					}
				}
				return nil
			})
		}()
		if err != nil {
			rep.Faults = append(rep.Faults, err.Error())
		}
		if len(rep.Faults) > 0 {
			rep.Unchecked = true
			return rep, nil // reading the articles through damaged pages could crash
		}
	}
	ids, err := s.articleIDs(ctx)
	if err != nil {
		rep.Unchecked = true
		rep.Faults = append(rep.Faults, err.Error())
		return rep, nil
	}
	rep.Articles = len(ids)
	return rep, nil
}

// articleIDs lists the ids of the store's articles, sorted.
func (s *Store) articleIDs(ctx context.Context) (ids []string, err error) {
	defer recoverDamage(&err)
	qs, err := s.quadsOf(ctx, quad.Object, quad.IRI(voc.Article))
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, q := range qs {
		if q.Predicate.String() == quad.IRI(voc.RDFType).String() {
			if id := voc.DocID(q.Subject.String()); !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// recoverDamage turns a panic while reading the store (bolt asserts what it reads from
// its pages) into ErrDamaged.
func recoverDamage(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%w: reading it failed (%v); kg check tells more", ErrDamaged, p)
	}
}
