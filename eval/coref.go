package eval

import "math"

// The standard coreference metrics over two partitions of the same mentions: the key
// (gold) and the response (the system's). Mentions are ints; a partition is a list of
// clusters. Definitions as in Pradhan et al., "Scoring Coreference Partitions of
// Predicted Mentions: A Reference Implementation" (ACL 2014).

// Coref holds the scores of a response against a key.
type Coref struct {
	MUC, B3, CEAFe PRF
	CoNLL          float64 // mean of the three F1
}

// ScoreCoref scores response against key.
func ScoreCoref(key, response [][]int) Coref {
	c := Coref{MUC: muc(key, response), B3: bcubed(key, response), CEAFe: ceafe(key, response)}
	c.CoNLL = (c.MUC.F + c.B3.F + c.CEAFe.F) / 3
	return c
}

func f1(p, r float64) PRF {
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{P: p, R: r, F: f}
}

func clusterOf(part [][]int) map[int]int {
	m := map[int]int{}
	for i, c := range part {
		for _, x := range c {
			m[x] = i
		}
	}
	return m
}

// muc is the link-based MUC score (Vilain et al. 1995): the links a cluster needs, and
// how many of them the other partition keeps.
func muc(key, response [][]int) PRF {
	side := func(a, b [][]int) float64 {
		in := clusterOf(b)
		num, den := 0, 0
		for _, c := range a {
			parts := map[int]bool{}
			single := 0
			for _, x := range c {
				if j, ok := in[x]; ok {
					parts[j] = true
				} else {
					single++ // a mention the other side lacks is a part of its own
				}
			}
			num += len(c) - (len(parts) + single)
			den += len(c) - 1
		}
		if den == 0 {
			return 0
		}
		return float64(num) / float64(den)
	}
	return f1(side(response, key), side(key, response))
}

// bcubed is B³ (Bagga and Baldwin 1998): for each mention, the share of its response
// cluster that is in its key cluster (precision) and the reverse (recall), averaged.
func bcubed(key, response [][]int) PRF {
	side := func(a, b [][]int) float64 {
		in := clusterOf(b)
		total, n := 0.0, 0
		for _, c := range a {
			overlap := map[int]int{}
			for _, x := range c {
				if j, ok := in[x]; ok {
					overlap[j]++
				}
			}
			for _, x := range c {
				n++
				if j, ok := in[x]; ok {
					total += float64(overlap[j]) / float64(len(c))
				}
			}
		}
		if n == 0 {
			return 0
		}
		return total / float64(n)
	}
	// recall averages over key mentions the share of each key cluster its response
	// cluster holds; precision the same with the sides swapped
	return f1(side(response, key), side(key, response))
}

// ceafe is the entity-based CEAF (Luo 2005) with φ4 = 2|K∩R| / (|K|+|R|), over the best
// one-to-one alignment of key and response clusters.
func ceafe(key, response [][]int) PRF {
	if len(key) == 0 || len(response) == 0 {
		return PRF{}
	}
	in := clusterOf(response)
	sim := make([][]float64, len(key))
	for i, k := range key {
		sim[i] = make([]float64, len(response))
		shared := map[int]int{}
		for _, x := range k {
			if j, ok := in[x]; ok {
				shared[j]++
			}
		}
		for j, n := range shared {
			sim[i][j] = 2 * float64(n) / float64(len(k)+len(response[j]))
		}
	}
	total := maxAssignment(sim)
	return f1(total/float64(len(response)), total/float64(len(key)))
}

// maxAssignment returns the largest sum of sim[i][j] over a one-to-one matching of rows
// and columns (the Hungarian algorithm, on a square matrix padded with zeros).
func maxAssignment(sim [][]float64) float64 {
	n := len(sim)
	for _, r := range sim {
		if len(r) > n {
			n = len(r)
		}
	}
	// minimise cost = 1 - sim on an n x n matrix
	cost := func(i, j int) float64 {
		if i < len(sim) && j < len(sim[i]) {
			return 1 - sim[i][j]
		}
		return 1
	}
	u := make([]float64, n+1)
	v := make([]float64, n+1)
	p := make([]int, n+1) // p[j]: row matched to column j (1-based), 0 for none
	way := make([]int, n+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		minv := make([]float64, n+1)
		used := make([]bool, n+1)
		for j := range minv {
			minv[j] = math.Inf(1)
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], math.Inf(1), 0
			for j := 1; j <= n; j++ {
				if used[j] {
					continue
				}
				cur := cost(i0-1, j-1) - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= n; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
			if j0 == 0 {
				break
			}
		}
	}
	total := 0.0
	for j := 1; j <= n; j++ {
		if i := p[j]; i > 0 && i-1 < len(sim) && j-1 < len(sim[i-1]) {
			total += sim[i-1][j-1]
		}
	}
	return total
}
