package model

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
)

// A feature is the 64-bit hash of a feature template and its values. Zero is never a
// feature: it marks an empty slot of the table.
type feature = uint64

// Linear is a trained linear model: for each feature it knows, a weight per class. At run
// time the features live in an open-addressing table, each slot the feature's 32-bit
// fingerprint (the upper half of its hash) found by linear probing from its home (the
// lower half), half full so that a feature the model does not know (most of them) is ruled
// out within a cache line. The weights are bfloat16 (the upper half of a float32: its
// range, with three significant digits). A model of few classes keeps each feature's
// weights in its slot, so that scoring a feature reads one place in memory, not two; a
// model of many classes keeps them sparse, apart, and the slot says where they are. It is
// read-only and safe for concurrent use.
type Linear struct {
	Classes []string

	nc   int
	size uint64 // number of slots
	// A dense model's slot i is ent[i*stride:(i+1)*stride]: the fingerprint's low and
	// high halves, 1 if the slot is taken (0 if empty), then the nc weights.
	ent    []uint16
	stride int
	// A sparse model's slot is fingerprint << 32 | slotTaken | off << 8 | n (0 if empty):
	// its weights are pairs[off:off+n], each a class << 16 | weight.
	slots []uint64
	pairs []uint32

	src *sparse // the model as trained, for Write; nil once loaded
}

// The parts of a sparse model's slot.
const (
	slotTaken  = 1 << 31
	maxPairOff = 1 << 23
)

// sparse is a model as a sorted list of features with their non-zero weights.
type sparse struct {
	keys  []feature
	start []uint32 // row r is cls/wt[start[r]:start[r+1]]
	cls   []uint8
	wt    []float32
}

// Score adds to scores (one per class) the weights of feats, feature by feature in order
// (so that the float sums do not depend on the table's layout). It reads the first slot
// of every feature, and the weights of every feature found, before it adds any, so that
// the memory reads, which are what scoring costs, run side by side instead of one after
// another.
func (m *Linear) Score(feats []feature, scores []float32) {
	if m.slots != nil {
		m.scoreSparse(feats, scores)
		return
	}
	var taken [scoreBatch]uint16
	var homes [scoreBatch]int32
	ent, st, nc := m.ent, m.stride, m.nc
	for len(feats) > 0 {
		n := min(len(feats), scoreBatch)
		for j, f := range feats[:n] {
			h := m.home(f) * st
			homes[j] = int32(h)
			taken[j] = ent[h+2]
		}
		for j, f := range feats[:n] {
			if taken[j] == 0 {
				continue
			}
			i := m.find(int(homes[j]), uint32(f>>32))
			if i < 0 {
				continue
			}
			row := ent[i+3 : i+3+nc]
			if nc == 3 {
				scores = scores[:3]
				scores[0] += math.Float32frombits(uint32(row[0]) << 16)
				scores[1] += math.Float32frombits(uint32(row[1]) << 16)
				scores[2] += math.Float32frombits(uint32(row[2]) << 16)
				continue
			}
			for c, w := range row {
				scores[c] += math.Float32frombits(uint32(w) << 16)
			}
		}
		feats = feats[n:]
	}
}

// scoreBatch is how many features Score looks up side by side.
const scoreBatch = 128

// find returns where in ent the slot with fingerprint fp lies, searching from the taken
// slot at offset i, or -1.
func (m *Linear) find(i int, fp uint32) int {
	ent, st := m.ent, m.stride
	for uint32(ent[i])|uint32(ent[i+1])<<16 != fp {
		if i += st; i == len(ent) {
			i = 0
		}
		if ent[i+2] == 0 {
			return -1
		}
	}
	return i
}

func (m *Linear) scoreSparse(feats []feature, scores []float32) {
	var first [scoreBatch]uint64
	var homes [scoreBatch]int32
	var found [scoreBatch]uint32
	var head [scoreBatch]uint32
	for len(feats) > 0 {
		n := min(len(feats), scoreBatch)
		for j, f := range feats[:n] {
			h := m.home(f)
			homes[j] = int32(h)
			first[j] = m.slots[h]
		}
		k := 0
		for j, f := range feats[:n] {
			s := first[j]
			if s == 0 {
				continue
			}
			fp := f >> 32
			i := int(homes[j])
			for s>>32 != fp {
				if i++; i == int(m.size) {
					i = 0
				}
				if s = m.slots[i]; s == 0 {
					break
				}
			}
			if s == 0 || s&0xff == 0 {
				continue
			}
			found[k] = uint32(s)
			head[k] = m.pairs[uint32(s)&(slotTaken-1)>>8] // read now, used below
			k++
		}
		for j, s := range found[:k] {
			off := s & (slotTaken - 1) >> 8
			p := head[j]
			scores[p>>16] += math.Float32frombits(p << 16)
			for _, p := range m.pairs[off+1 : off+s&0xff] {
				scores[p>>16] += math.Float32frombits(p << 16)
			}
		}
		feats = feats[n:]
	}
}

// row returns the weights of feature f, if the model knows it.
func (m *Linear) row(f feature) ([]uint16, bool) {
	if m.ent == nil {
		return nil, false // a sparse model: not asked so
	}
	h := m.home(f) * m.stride
	if m.ent[h+2] == 0 {
		return nil, false
	}
	i := m.find(h, uint32(f>>32))
	if i < 0 {
		return nil, false
	}
	return m.ent[i+3 : i+3+m.nc], true
}

// withRows returns a copy of the model with more features, each with one class.
func (m *Linear) withRows(add map[feature]uint8) *Linear {
	sp := m.src
	out := &sparse{start: []uint32{0}}
	keys := append([]feature(nil), sp.keys...)
	rowOf := map[feature]int{}
	for r, k := range sp.keys {
		rowOf[k] = r
	}
	for k := range add {
		if _, ok := rowOf[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, k := range keys {
		if c, ok := add[k]; ok {
			out.cls = append(out.cls, c)
			out.wt = append(out.wt, 1)
		} else {
			r := rowOf[k]
			out.cls = append(out.cls, sp.cls[sp.start[r]:sp.start[r+1]]...)
			out.wt = append(out.wt, sp.wt[sp.start[r]:sp.start[r+1]]...)
		}
		out.keys = append(out.keys, k)
		out.start = append(out.start, uint32(len(out.wt)))
	}
	p := &Linear{Classes: m.Classes, src: out}
	p.build(out)
	return p
}

// home is the slot where the search for f begins: the low half of f scaled to the table
// (Lemire's multiply-shift), so that the table need not be a power of two.
func (m *Linear) home(f feature) int {
	return int((f & 0xffffffff) * m.size >> 32)
}

// Features is the number of features the model knows.
func (m *Linear) Features() int { return int(m.size-1) / 2 }

// Bytes is the size of the model in memory.
func (m *Linear) Bytes() int { return 2*len(m.ent) + 8*len(m.slots) + 4*len(m.pairs) }

// sparseClasses is the number of classes from which a model keeps its rows sparse.
const sparseClasses = 24

// build makes the table from a sparse model.
func (m *Linear) build(sp *sparse) {
	m.nc = len(m.Classes)
	m.setTable(sp)
}

// bf16 rounds x to bfloat16, to nearest, ties to even.
func bf16(x float32) uint16 {
	b := math.Float32bits(x)
	b += 0x7fff + (b>>16)&1
	return uint16(b >> 16)
}

// setTable lays the features of sp out in the table, each in the first free slot from its
// home, in the order of sp.
func (m *Linear) setTable(sp *sparse) {
	size := 2*len(sp.keys) + 1
	m.size = uint64(size)
	taken := make([]bool, size)
	m.ent, m.slots, m.pairs = nil, nil, nil
	sparse := m.nc >= sparseClasses
	if sparse {
		m.slots = make([]uint64, size)
		m.pairs = make([]uint32, 0, len(sp.wt))
	} else {
		m.stride = 3 + m.nc
		m.ent = make([]uint16, size*m.stride)
	}
	for r, f := range sp.keys {
		i := m.home(f)
		for taken[i] {
			if i++; i == size {
				i = 0
			}
		}
		taken[i] = true
		fp := uint32(f >> 32)
		if sparse {
			off := len(m.pairs)
			for j := sp.start[r]; j < sp.start[r+1]; j++ {
				if w := bf16(sp.wt[j]); w != 0 {
					m.pairs = append(m.pairs, uint32(sp.cls[j])<<16|uint32(w))
				}
			}
			if off >= maxPairOff {
				panic("model too large for its table") // 8 million weights; the models hold half a million
			}
			m.slots[i] = uint64(fp)<<32 | slotTaken | uint64(off)<<8 | uint64(len(m.pairs)-off)
			continue
		}
		e := m.ent[i*m.stride : (i+1)*m.stride]
		e[0], e[1], e[2] = uint16(fp), uint16(fp>>16), 1
		for j := sp.start[r]; j < sp.start[r+1]; j++ {
			e[3+int(sp.cls[j])] = bf16(sp.wt[j])
		}
	}
}

const magic = "kg-linear-2\n"

// Write stores the model: a notice (the licence and attribution of the data it was
// trained on), the classes, then the features in order with their weights as bfloat16,
// compressed. The same model always gives the same bytes.
func (m *Linear) Write(w io.Writer, notice string) error {
	sp := m.src
	if sp == nil {
		return errors.New("write model: only a model just trained can be written")
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	putU := func(v uint64) { n := binary.PutUvarint(buf[:], v); bw.Write(buf[:n]) }
	putS := func(s string) { putU(uint64(len(s))); bw.WriteString(s) }
	bw.WriteString(magic)
	putS(notice)
	putU(uint64(len(m.Classes)))
	for _, c := range m.Classes {
		putS(c)
	}
	putU(uint64(len(sp.keys)))
	prev := uint64(0)
	for _, k := range sp.keys {
		putU(k - prev)
		prev = k
	}
	for r := range sp.keys {
		putU(uint64(sp.start[r+1] - sp.start[r]))
	}
	for r := range sp.keys {
		for j := sp.start[r]; j < sp.start[r+1]; j++ {
			bw.WriteByte(sp.cls[j])
			binary.LittleEndian.PutUint16(buf[:2], bf16(sp.wt[j]))
			bw.Write(buf[:2])
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// ReadLinear decodes a model written by Write, and returns its notice.
func ReadLinear(r io.Reader) (*Linear, string, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, "", fmt.Errorf("read model: %w", err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, "", errors.New("read model: not a kg model file")
	}
	var rerr error
	getU := func() uint64 {
		v, err := binary.ReadUvarint(br)
		if err != nil && rerr == nil {
			rerr = err
		}
		return v
	}
	getS := func() string {
		n := getU()
		if rerr != nil || n > 1<<20 {
			rerr = errors.New("bad string")
			return ""
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil && rerr == nil {
			rerr = err
		}
		return string(b)
	}
	notice := getS()
	m := &Linear{}
	nc := getU()
	if nc > 255 || nc == 0 {
		return nil, "", errors.New("read model: too many classes")
	}
	for i := uint64(0); i < nc && rerr == nil; i++ {
		m.Classes = append(m.Classes, getS())
	}
	n := getU()
	if rerr != nil || n > 1<<26 {
		return nil, "", fmt.Errorf("read model: bad header (%v)", rerr)
	}
	sp := &sparse{keys: make([]feature, n), start: make([]uint32, n+1)}
	prev := uint64(0)
	for i := range sp.keys {
		prev += getU()
		sp.keys[i] = prev
	}
	for i := uint64(0); i < n; i++ {
		sp.start[i+1] = sp.start[i] + uint32(getU())
	}
	if rerr != nil {
		return nil, "", fmt.Errorf("read model: %w", rerr)
	}
	total := sp.start[n]
	sp.cls = make([]uint8, total)
	sp.wt = make([]float32, total)
	var b [3]byte
	for j := uint32(0); j < total; j++ {
		if _, err := io.ReadFull(br, b[:]); err != nil {
			return nil, "", fmt.Errorf("read model: %w", err)
		}
		if uint64(b[0]) >= nc {
			return nil, "", errors.New("read model: bad class")
		}
		sp.cls[j] = b[0]
		sp.wt[j] = math.Float32frombits(uint32(binary.LittleEndian.Uint16(b[1:])) << 16)
	}
	m.nc = len(m.Classes)
	m.setTable(sp)
	m.src = sp
	return m, notice, nil
}

// Trainer learns a Linear model as an averaged perceptron (Collins 2002), with the
// averages kept lazily.
type Trainer struct {
	classes []string
	nc      int
	index   map[feature]int32
	w       []float32
	total   []float64
	stamp   []int32
	seen    []int32 // how many updates touched each feature
	step    int32
}

// NewTrainer starts a model over the given classes.
func NewTrainer(classes []string) *Trainer {
	return &Trainer{classes: classes, nc: len(classes), index: map[feature]int32{}}
}

// Score adds to scores the current weights of feats.
func (t *Trainer) Score(feats []feature, scores []float32) {
	for _, f := range feats {
		if r, ok := t.index[f]; ok {
			row := t.w[int(r)*t.nc : int(r+1)*t.nc]
			for c, x := range row {
				scores[c] += x
			}
		}
	}
}

// Tick counts one training example, for the averages.
func (t *Trainer) Tick() { t.step++ }

// Update moves the weights of feats toward class truth and away from guess.
func (t *Trainer) Update(feats []feature, truth, guess int) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			r = int32(len(t.seen))
			t.index[f] = r
			t.w = append(t.w, make([]float32, t.nc)...)
			t.total = append(t.total, make([]float64, t.nc)...)
			t.stamp = append(t.stamp, make([]int32, t.nc)...)
			t.seen = append(t.seen, 0)
		}
		t.seen[r]++
		base := int(r) * t.nc
		t.bump(base+truth, 1)
		t.bump(base+guess, -1)
	}
}

func (t *Trainer) bump(i int, d float32) {
	t.total[i] += float64(t.step-t.stamp[i]) * float64(t.w[i])
	t.stamp[i] = t.step
	t.w[i] += d
}

// Model returns the averaged weights as a Linear model, leaving out features that fewer
// than minSeen updates touched and weights smaller than minWeight.
func (t *Trainer) Model(minSeen int32, minWeight float32) *Linear {
	keys := make([]feature, 0, len(t.index))
	for f, r := range t.index {
		if t.seen[r] >= minSeen {
			keys = append(keys, f)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	sp := &sparse{start: []uint32{0}}
	step := float64(t.step)
	if step == 0 {
		step = 1
	}
	for _, f := range keys {
		base := int(t.index[f]) * t.nc
		n := 0
		for c := 0; c < t.nc; c++ {
			i := base + c
			avg := (t.total[i] + float64(t.step-t.stamp[i])*float64(t.w[i])) / step
			if math.Abs(avg) >= float64(minWeight) {
				sp.cls = append(sp.cls, uint8(c))
				sp.wt = append(sp.wt, float32(avg))
				n++
			}
		}
		if n > 0 {
			sp.keys = append(sp.keys, f)
			sp.start = append(sp.start, uint32(len(sp.wt)))
		}
	}
	m := &Linear{Classes: t.classes, src: sp}
	m.build(sp)
	return m
}

// argmax returns the best class among those valid allows (all if valid is nil).
func argmax(scores []float32, valid func(int) bool) int {
	best, bi := float32(math.Inf(-1)), -1
	for c, s := range scores {
		if (valid == nil || valid(c)) && (bi < 0 || s > best) {
			best, bi = s, c
		}
	}
	return bi
}

// PrunedQuantile returns a copy of a model that keeps only the share 1-q of its features
// with the largest weights: most features of an averaged perceptron weigh next to nothing.
func (m *Linear) PrunedQuantile(q float64) *Linear {
	if q <= 0 {
		return m
	}
	sp := m.src
	mx := make([]float32, len(sp.keys))
	for r := range sp.keys {
		for j := sp.start[r]; j < sp.start[r+1]; j++ {
			a := sp.wt[j]
			if a < 0 {
				a = -a
			}
			mx[r] = max(mx[r], a)
		}
	}
	sorted := append([]float32(nil), mx...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	return m.Pruned(sorted[int(q*float64(len(sorted)-1))])
}

// Pruned returns a copy of a model without the features whose weights are all smaller
// than min in magnitude.
func (m *Linear) Pruned(min float32) *Linear {
	sp := m.src
	out := &sparse{start: []uint32{0}}
	for r, k := range sp.keys {
		keep := false
		for j := sp.start[r]; j < sp.start[r+1]; j++ {
			if sp.wt[j] >= min || sp.wt[j] <= -min {
				keep = true
				break
			}
		}
		if !keep {
			continue
		}
		for j := sp.start[r]; j < sp.start[r+1]; j++ {
			out.cls = append(out.cls, sp.cls[j])
			out.wt = append(out.wt, sp.wt[j])
		}
		out.keys = append(out.keys, k)
		out.start = append(out.start, uint32(len(out.wt)))
	}
	p := &Linear{Classes: m.Classes, src: out}
	p.build(out)
	return p
}
