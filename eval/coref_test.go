package eval

import (
	"math"
	"testing"
)

// TestCorefMetrics checks the metrics against examples worked by hand.
func TestCorefMetrics(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, c := range []struct {
		name          string
		key, response [][]int
		muc, b3, ceaf PRF
	}{
		{
			// a b c | d e   against   a b | c d e
			// MUC: the key needs 2+1 links and keeps 1+1; the response needs 1+2 and
			// keeps 1+1. B³: a, b: P 2/2 R 2/3; c: P 1/3 R 1/3; d, e: P 2/3 R 2/2.
			// CEAF-e: φ4(abc, ab) = 4/5, φ4(de, cde) = 4/5.
			name: "split and merge",
			key:  [][]int{{1, 2, 3}, {4, 5}}, response: [][]int{{1, 2}, {3, 4, 5}},
			muc:  PRF{2.0 / 3, 2.0 / 3, 2.0 / 3},
			b3:   PRF{11.0 / 15, 11.0 / 15, 11.0 / 15},
			ceaf: PRF{0.8, 0.8, 0.8},
		},
		{
			name: "identical",
			key:  [][]int{{1, 2}, {3}}, response: [][]int{{3}, {2, 1}},
			muc: PRF{1, 1, 1}, b3: PRF{1, 1, 1}, ceaf: PRF{1, 1, 1},
		},
		{
			// a b c against a | b | c: no links kept; B³ precision 1, recall 1/3;
			// CEAF-e: the best singleton has φ4 = 2/4, over 3 response clusters and 1 key
			name: "all apart",
			key:  [][]int{{1, 2, 3}}, response: [][]int{{1}, {2}, {3}},
			muc: PRF{0, 0, 0}, b3: PRF{1, 1.0 / 3, 0.5}, ceaf: PRF{1.0 / 6, 0.5, 0.25},
		},
		{
			// a b | c d against a b c d: MUC recall 2/2, precision 2/3; B³ P 1/2 R 1;
			// CEAF-e: φ4(ab, abcd) = 4/6, over 1 response and 2 key clusters
			name: "all together",
			key:  [][]int{{1, 2}, {3, 4}}, response: [][]int{{1, 2, 3, 4}},
			muc: PRF{2.0 / 3, 1, 0.8}, b3: PRF{0.5, 1, 2.0 / 3}, ceaf: PRF{2.0 / 3, 1.0 / 3, 4.0 / 9},
		},
	} {
		got := ScoreCoref(c.key, c.response)
		for _, m := range []struct {
			name      string
			got, want PRF
		}{{"MUC", got.MUC, c.muc}, {"B3", got.B3, c.b3}, {"CEAF-e", got.CEAFe, c.ceaf}} {
			if !near(m.got.P, m.want.P) || !near(m.got.R, m.want.R) || !near(m.got.F, m.want.F) {
				t.Errorf("%s %s: %+v, want %+v", c.name, m.name, m.got, m.want)
			}
		}
		if want := (got.MUC.F + got.B3.F + got.CEAFe.F) / 3; !near(got.CoNLL, want) {
			t.Errorf("%s CoNLL %v, want %v", c.name, got.CoNLL, want)
		}
	}
	if got := ScoreCoref([][]int{{1, 2, 3}, {4, 5}}, [][]int{{1, 2}, {3, 4, 5}}).CoNLL; !near(got, (2.0/3+11.0/15+0.8)/3) {
		t.Errorf("CoNLL of the first example: %v", got)
	}
}
