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
// time the weights live in one open-addressing table whose slots hold a 32-bit
// fingerprint of the feature followed by its row of weights as bfloat16 (the upper half of
// a float32: its range, with three significant digits), so that scoring a feature usually
// touches one cache line. It is read-only and safe for concurrent use.
type Linear struct {
	Classes []string

	nc     int
	stride int      // uint16s per slot: 2 for the fingerprint, then nc weights
	slots  []uint16 // the table
	mask   uint64

	src *sparse // the model as trained, for Write; nil once loaded
}

// sparse is a model as a sorted list of features with their non-zero weights.
type sparse struct {
	keys  []feature
	start []uint32 // row r is cls/wt[start[r]:start[r+1]]
	cls   []uint8
	wt    []float32
}

// Score adds to scores (one per class) the weights of feats.
func (m *Linear) Score(feats []feature, scores []float32) {
	slots, stride, nc := m.slots, m.stride, m.nc
	for _, f := range feats {
		fp0, fp1 := fingerprint(f)
		i := int(f & m.mask)
		for {
			s := slots[i*stride : i*stride+stride]
			if s[0] == fp0 && s[1] == fp1 {
				row := s[2 : 2+nc]
				for c, w := range row {
					scores[c] += math.Float32frombits(uint32(w) << 16)
				}
				break
			}
			if s[0] == 0 && s[1] == 0 {
				break
			}
			i = (i + 1) & int(m.mask)
		}
	}
}

// fingerprint is the upper half of a feature, never zero.
func fingerprint(f feature) (uint16, uint16) {
	fp := uint32(f>>32) | 1
	return uint16(fp), uint16(fp >> 16)
}

// Features is the number of features the model knows.
func (m *Linear) Features() int {
	n := 0
	for i := 0; i < len(m.slots); i += m.stride {
		if m.slots[i] != 0 || m.slots[i+1] != 0 {
			n++
		}
	}
	return n
}

// Bytes is the size of the model's table in memory.
func (m *Linear) Bytes() int { return 2 * len(m.slots) }

// build makes the table from a sparse model.
func (m *Linear) build(sp *sparse) {
	m.nc = len(m.Classes)
	m.stride = 2 + m.nc
	m.setTable(sp)
}

// bf16 rounds x to bfloat16, to nearest, ties to even.
func bf16(x float32) uint16 {
	b := math.Float32bits(x)
	b += 0x7fff + (b>>16)&1
	return uint16(b >> 16)
}

func (m *Linear) setTable(sp *sparse) {
	size := 1
	for size*3 < len(sp.keys)*4 {
		size <<= 1
	}
	if size < 2 {
		size = 2
	}
	m.slots = make([]uint16, size*m.stride)
	m.mask = uint64(size - 1)
	for r, f := range sp.keys {
		fp0, fp1 := fingerprint(f)
		i := int(f & m.mask)
		for m.slots[i*m.stride] != 0 || m.slots[i*m.stride+1] != 0 {
			i = (i + 1) & int(m.mask)
		}
		s := m.slots[i*m.stride : i*m.stride+m.stride]
		s[0], s[1] = fp0, fp1
		for j := sp.start[r]; j < sp.start[r+1]; j++ {
			s[2+int(sp.cls[j])] = bf16(sp.wt[j])
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
	m.stride = 2 + m.nc
	m.setTable(sp)
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
