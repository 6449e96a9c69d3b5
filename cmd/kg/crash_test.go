package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/voc"
)

var crashSeed = flag.Int64("crash.seed", 1, "seed of the kill points of TestCrashSafety")

// benchCorpusEnv names a folder of .txt articles that TestCrashSafety uses instead of
// the synthetic corpus.
const benchCorpusEnv = "KG_BENCH_CORPUS"

// article is one file of a test corpus.
type article struct {
	name string // file name, which gives the article id
	text string
}

func (a article) id() string { return strings.TrimSuffix(a.name, filepath.Ext(a.name)) }

// TestCrashSafety kills kg build with SIGKILL at random points while it writes, and
// checks after each kill that the store opens, passes bolt's consistency check and holds
// every article either complete or not at all; then that a rerun gives exactly the store
// of a build that was never interrupted. It does the same for an update run, in which
// changed articles are replaced (their old quads deleted in one transaction, the new ones
// added in the next): each article is then old, new or absent.
func TestCrashSafety(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	rng := rand.New(rand.NewSource(*crashSeed))
	t.Logf("seed %d (-crash.seed to change it)", *crashSeed)
	runs, updateKills, variants, changes := 6, 3, 300, 12
	if testing.Short() {
		runs, updateKills, variants, changes = 2, 1, 60, 6
	}
	kg := buildKG(t)
	root := t.TempDir()
	arts := testCorpus(t, variants, rng)
	changed := updateCorpus(arts, changes)
	oldDir, newDir := filepath.Join(root, "old"), filepath.Join(root, "new")
	writeCorpus(t, oldDir, arts)
	writeCorpus(t, newDir, changed)
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.id()
	}

	// builds run in oldDir or newDir on the relative path "corpus", so that the paths the
	// articles are stored with are the same in both
	refOld := filepath.Join(root, "ref-old.db")
	start := time.Now()
	runKG(t, kg, oldDir, "build", "-q", "--store", refOld, "corpus")
	t.Logf("%d articles, %d of them changed by the update; a clean build takes %s", len(arts), countChanged(arts, changed), time.Since(start).Round(time.Millisecond))
	old := version{"old", readSnapshot(t, refOld, ids)}
	refNew := filepath.Join(root, "ref-new.db")
	runKG(t, kg, newDir, "build", "-q", "--store", refNew, "corpus")
	updated := version{"new", readSnapshot(t, refNew, ids)}

	t.Run("build", func(t *testing.T) {
		landed := 0
		for i := 0; i < runs; i++ {
			store := filepath.Join(root, fmt.Sprintf("kill-%d.db", i))
			// one or two kills in a row: the second one interrupts a build that resumes
			for k, n := 0, 1+rng.Intn(2); k < n; k++ {
				batch := []int{4, 16, 64}[rng.Intn(3)]
				writes := rng.Intn(len(arts)/batch + 2) // 0: while it may be creating the store
				delay := time.Duration(rng.Int63n(int64(100 * time.Millisecond)))
				if killDuring(t, kg, oldDir, store, batch, writes, delay) {
					landed++
				}
				checkArticles(t, store, ids, fmt.Sprintf("kill %d.%d (batch %d, after %d writes +%s)", i, k, batch, writes, delay.Round(time.Millisecond)), old)
			}
			runKG(t, kg, oldDir, "build", "-q", "--store", store, "corpus")
			checkSameStore(t, store, old.snapshot, fmt.Sprintf("rerun after kill %d", i))
		}
		if landed == 0 {
			t.Fatalf("none of the kills landed while kg was running: the test checked nothing")
		}
		t.Logf("%d kills landed while kg was running", landed)
	})

	t.Run("update", func(t *testing.T) {
		store := filepath.Join(root, "update.db")
		copyFile(t, refOld, store)
		landed := 0
		for k := 0; k < updateKills; k++ {
			// batches of 4 hold at most one changed article, whose replacement is two
			// transactions, a delete then an add, each a few writes to the file; a kill
			// just after a write often lands between the two
			writes := 1 + rng.Intn(3*changes)
			delay := time.Duration(rng.Int63n(int64(5 * time.Millisecond)))
			if killDuring(t, kg, newDir, store, 4, writes, delay) {
				landed++
			}
			checkArticles(t, store, ids, fmt.Sprintf("update kill %d (after %d writes +%s)", k, writes, delay.Round(time.Millisecond)), old, updated)
		}
		if landed == 0 {
			t.Fatalf("none of the kills landed while kg was updating: the test checked nothing")
		}
		runKG(t, kg, newDir, "build", "-q", "--store", store, "corpus")
		checkSameStore(t, store, updated.snapshot, "rerun of the update")
	})
}

// buildKG compiles the kg command into a temporary folder and returns its path.
func buildKG(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kg")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runKG runs the kg binary in dir and fails the test when it fails.
func runKG(t *testing.T, kg, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(kg, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("kg %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// killDuring runs kg build in dir with the given batch size, waits until it has changed
// the store file writes times (a commit, or bolt growing the file; 0 to kill it while it
// may still be creating the store), waits delay more and kills it with SIGKILL. It
// reports whether kg was still running when killed.
func killDuring(t *testing.T, kg, dir, store string, batch, writes int, delay time.Duration) bool {
	t.Helper()
	cmd := exec.Command(kg, "build", "-q", "--batch", fmt.Sprint(batch), "--store", store, "corpus")
	cmd.Dir = dir
	var errb bytes.Buffer
	cmd.Stderr = &errb
	last, _ := os.Stat(store) // nil when there is no store yet
	if err := cmd.Start(); err != nil {
		t.Fatalf("start kg build: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	seen := 0
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	deadline := time.After(2 * time.Minute)
watch:
	for seen < writes {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("kg build failed before it was killed: %v\n%s", err, errb.String())
			}
			return false
		case <-deadline:
			break watch // kg is stuck; kill it and let the checks say what it left
		case <-tick.C:
			st, err := os.Stat(store)
			if err != nil {
				continue
			}
			if last == nil || st.Size() != last.Size() || !st.ModTime().Equal(last.ModTime()) {
				// the store appeared, grew, or had pages written: one write
				seen++
				last = st
			}
		}
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("kg build failed before it was killed: %v\n%s", err, errb.String())
		}
		return false
	case <-time.After(delay):
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatalf("kill kg build: %v", err)
	}
	<-done
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// snapshot is what a store holds: its quads as N-Quads lines, by label (the article IRI),
// and the number of its nodes.
type snapshot struct {
	quads  map[string][]string // label -> sorted quads
	linked map[string][]string // label -> sorted quads up to the linking of its dependents (see unlinked)
	nodes  int64
}

// unlinked returns an article's quads with the nodes of its dependents (entities that
// the linking stage decides across articles, from records with a kg:linkKey) replaced by
// a placeholder, and without those records' reasons or a move's marker: an article whose
// links a stopped build had not settled yet, or whose move it had half done, reads the
// same as it does settled. The next build settles it (checkSameStore).
func unlinked(qs []quad.Quad) []string {
	dep := map[string]string{}
	records := map[string]bool{}
	for _, q := range qs {
		if q.Predicate.String() == "<"+voc.LinkKey+">" {
			records[q.Subject.String()] = true
		}
	}
	for _, q := range qs {
		if records[q.Subject.String()] && q.Predicate.String() == "<"+voc.Node+">" {
			dep[q.Object.String()] = "<dependent:" + q.Subject.String() + ">"
		}
	}
	symmetric := map[string]bool{}
	for _, q := range qs {
		if q.Predicate.String() == "<"+voc.RDFType+">" && q.Object.String() == "<"+voc.Symmetric+">" {
			symmetric[q.Subject.String()] = true
		}
	}
	set := map[string]bool{}
	for _, q := range qs {
		if q.Predicate.String() == "<"+voc.Moving+">" || records[q.Subject.String()] && q.Predicate.String() == "<"+voc.Reason+">" {
			continue
		}
		sub, obj := q.Subject.String(), q.Object.String()
		if d, ok := dep[sub]; ok {
			sub = d
		}
		if d, ok := dep[obj]; ok {
			obj = d
		}
		if symmetric[q.Predicate.String()] && obj < sub {
			sub, obj = obj, sub
		}
		set[sub+" "+q.Predicate.String()+" "+obj] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// readSnapshot opens the bolt store at path read-only and reads it whole. It checks that
// the file passes bolt's consistency check and that every article of the store is one of
// ids.
func readSnapshot(t *testing.T, path string, ids []string) snapshot {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("bolt cannot open the store: %v", err)
	}
	err = db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatalf("bolt consistency check of the store: %v", err)
	}
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Path: path, ReadOnly: true})
	if err != nil {
		t.Fatalf("open the store: %v", err)
	}
	defer st.Close()
	s := snapshot{quads: map[string][]string{}, linked: map[string][]string{}}
	byLabel := map[string][]quad.Quad{}
	it := st.QS.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := st.QS.Quad(it.Result())
		if err != nil {
			t.Fatalf("read a quad: %v", err)
		}
		label := ""
		if q.Label != nil {
			label = q.Label.String()
		}
		s.quads[label] = append(s.quads[label], q.NQuad())
		byLabel[label] = append(byLabel[label], q)
	}
	for label, qs := range byLabel {
		s.linked[label] = unlinked(qs)
	}
	if err := it.Err(); err != nil {
		t.Fatalf("read the quads: %v", err)
	}
	for _, qs := range s.quads {
		sort.Strings(qs)
	}
	known := map[string]bool{}
	for _, id := range ids {
		known[voc.DocIRI(id).String()] = true
	}
	known["<"+voc.Summary+">"] = true // the summary kg keeps after a build
	known["<"+voc.Links+">"] = true   // the mark of a build that has not settled its links
	for label, qs := range s.quads {
		if !known[label] {
			t.Fatalf("the store has %d quads labelled %q, which is not an article of the corpus; the first: %s", len(qs), label, qs[0])
		}
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatalf("store stats: %v", err)
	}
	s.nodes = stats.Nodes
	return s
}

// version is the store of a clean build of one version of the corpus.
type version struct {
	name string
	snapshot
}

// checkArticles checks that the store at path opens and that each article in it is
// exactly as in one of the versions, or absent: no quads and no node. A store that does
// not exist holds nothing.
func checkArticles(t *testing.T, path string, ids []string, when string, versions ...version) {
	t.Helper()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		t.Logf("after %s: no store", when)
		return
	}
	got := readSnapshot(t, path, ids)
	st, err := graph.Open(context.Background(), graph.Config{Path: path, ReadOnly: true})
	if err != nil {
		t.Fatalf("after %s: open the store: %v", when, err)
	}
	defer st.Close()
	count := map[string]int{}
	bad := 0
	for _, id := range ids {
		label := voc.DocIRI(id).String()
		qs := got.linked[label]
		if len(qs) == 0 {
			if ref, err := st.ValueOf(voc.DocIRI(id)); err != nil || ref != nil {
				t.Errorf("after %s: article %s has no quads but its node is left in the store (%v)", when, id, err)
			}
			count["absent"]++
			continue
		}
		match := ""
		for _, v := range versions {
			if cmp.Equal(v.linked[label], qs) {
				match = v.name
				break
			}
		}
		count[match]++
		if match == "" {
			if bad++; bad <= 3 {
				last := versions[len(versions)-1]
				t.Errorf("after %s: article %s is half-written (-%s +store):\n%s", when, id, last.name, firstLines(cmp.Diff(last.linked[label], qs), 40))
			}
		}
	}
	if bad > 3 {
		t.Errorf("after %s: %d articles half-written in all", when, bad)
	}
	var summary []string
	for _, v := range versions {
		summary = append(summary, fmt.Sprintf("%d %s", count[v.name], v.name))
	}
	t.Logf("after %s: %s, %d absent", when, strings.Join(summary, ", "), count["absent"])
}

// checkSameStore checks that the store at path holds exactly the quads and nodes of want.
func checkSameStore(t *testing.T, path string, want snapshot, when string) {
	t.Helper()
	var ids []string
	for label := range want.quads {
		ids = append(ids, voc.DocID(label))
	}
	got := readSnapshot(t, path, ids)
	if diff := cmp.Diff(want.quads, got.quads); diff != "" {
		t.Errorf("%s: the store differs from a clean build (-clean +store):\n%s", when, firstLines(diff, 40))
	}
	if got.nodes != want.nodes {
		t.Errorf("%s: the store has %d nodes, a clean build %d", when, got.nodes, want.nodes)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines[n] = "..."
	}
	return strings.Join(lines, "\n")
}

// testCorpus returns the articles of $KG_BENCH_CORPUS, or the sample articles of data/
// with variants of them.
func testCorpus(t *testing.T, variants int, rng *rand.Rand) []article {
	t.Helper()
	if dir := os.Getenv(benchCorpusEnv); dir != "" {
		return readCorpus(t, dir)
	}
	base := readCorpus(t, "../../data")
	return append(base, syntheticVariants(base, variants, rng)...)
}

// readCorpus reads the .txt articles under dir, leaving out files kg would skip.
func readCorpus(t *testing.T, dir string) []article {
	t.Helper()
	var arts []article
	seen := map[string]bool{}
	x := extract.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(path), ".txt") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		a := article{name: filepath.Base(path), text: string(data)}
		if seen[a.id()] {
			return nil
		}
		if _, err := x.Extract(a.id(), path, data); err != nil {
			return nil // not an article kg builds
		}
		seen[a.id()] = true
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatalf("read corpus %s: %v", dir, err)
	}
	if len(arts) == 0 {
		t.Fatalf("no articles in %s", dir)
	}
	return arts
}

// syntheticVariants makes n new articles from base: each has its paragraphs rotated, a
// sentence about a made-up person added and a dispatch number that makes it unique.
func syntheticVariants(base []article, n int, rng *rand.Rand) []article {
	first := []string{"Anna", "Boris", "Carla", "David", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas"}
	last := []string{"Keller", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Santos", "Tanaka"}
	cities := []string{"Vienna", "Oslo", "Lisbon", "Nairobi", "Osaka"}
	out := make([]article, 0, n)
	for i := 0; i < n; i++ {
		lines := strings.Split(strings.TrimSpace(base[i%len(base)].text), "\n")
		body := lines[1:]
		if len(body) > 1 {
			r := rng.Intn(len(body))
			body = append(append([]string{}, body[r:]...), body[:r]...)
		}
		extra := fmt.Sprintf("%s %s, an adviser in %s, said on Tuesday that the talks had been useful.",
			first[rng.Intn(len(first))], last[rng.Intn(len(last))], cities[rng.Intn(len(cities))])
		text := strings.Join(append(append([]string{lines[0], extra}, body...),
			fmt.Sprintf("This is dispatch %d of the wire service.", i)), "\n") + "\n"
		out = append(out, article{name: fmt.Sprintf("syn_%04d.txt", i), text: text})
	}
	return out
}

// updateCorpus returns arts with about n of them changed: a sentence added and the
// last line dropped, so that the update both adds and deletes facts.
func updateCorpus(arts []article, n int) []article {
	out := append([]article(nil), arts...)
	step := (len(arts) + n - 1) / n
	for i := 0; i < len(out); i += step {
		lines := strings.Split(strings.TrimSpace(out[i].text), "\n")
		if len(lines) > 2 {
			lines = lines[:len(lines)-1]
		}
		lines = append(lines[:1], append([]string{"Olga Brandt, a spokeswoman for the Nordic Energy Council, criticized Henrik Vos on Monday."}, lines[1:]...)...)
		out[i].text = strings.Join(lines, "\n") + "\n"
	}
	return out
}

func countChanged(a, b []article) int {
	n := 0
	for i := range a {
		if a[i].text != b[i].text {
			n++
		}
	}
	return n
}

// writeCorpus writes arts into dir/corpus.
func writeCorpus(t *testing.T, dir string, arts []article) {
	t.Helper()
	dir = filepath.Join(dir, "corpus")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if err := os.WriteFile(filepath.Join(dir, a.name), []byte(a.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
