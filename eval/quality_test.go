package eval

import (
	"context"
	"os"
	"testing"
)

// thresholds are the figures extraction must reach on an annotated set.
type thresholds struct {
	ent, rel, quo float64
	dup, noise    int
}

func checkQuality(t *testing.T, gold, articles string, want thresholds) {
	t.Helper()
	rep, err := Run(context.Background(), gold, []string{articles})
	if err != nil {
		t.Fatal(err)
	}
	tot := rep.Total
	t.Logf("ent F1=%.3f rel F1=%.3f quo F1=%.3f dup=%d noise=%d type_acc=%.2f", tot.Ent.F, tot.Rel.F, tot.Quo.F, tot.Duplicates, tot.Noise, tot.TypeAccuracy)
	if tot.Ent.F < want.ent {
		t.Errorf("entity F1 %.3f < %.2f", tot.Ent.F, want.ent)
	}
	if tot.Rel.F < want.rel {
		t.Errorf("relation F1 %.3f < %.2f", tot.Rel.F, want.rel)
	}
	if tot.Quo.F < want.quo {
		t.Errorf("quotation F1 %.3f < %.2f", tot.Quo.F, want.quo)
	}
	if tot.Duplicates > want.dup {
		t.Errorf("%d duplicate entities, want at most %d", tot.Duplicates, want.dup)
	}
	if tot.Noise > want.noise {
		t.Errorf("%d entities or quotations from page junk, want at most %d", tot.Noise, want.noise)
	}
}

// TestQualitySampleCorpus fails when extraction on the sample corpus falls below the
// product's targets.
func TestQualitySampleCorpus(t *testing.T) {
	checkQuality(t, "gold/seeds", "../data", thresholds{ent: 0.90, rel: 0.60, quo: 0.90})
}

// TestQualityBBC scores the BBC development set, whose texts are read from the shared
// corpus (they may not be committed); it is skipped where that corpus is absent.
func TestQualityBBC(t *testing.T) {
	checkQuality(t, "gold/bbc", bbcCorpus(t), thresholds{ent: 0.85, rel: 0.55, quo: 0.85})
}

// bbcCorpus returns the shared BBC corpus folder, or skips the test where it is absent.
func bbcCorpus(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("KG_BBC_CORPUS")
	if dir == "" {
		dir = "../../shared/corpus/bbc"
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("BBC corpus not found at %s (set KG_BBC_CORPUS)", dir)
	}
	return dir
}

// TestQualityBBCSecondSet scores the eight BBC articles annotated before any tuning on them
// (eval/gold/bbcheld); rules have been tuned on them since, so they are a second
// development set, and their floors keep what was gained there.
func TestQualityBBCSecondSet(t *testing.T) {
	checkQuality(t, "gold/bbcheld", bbcCorpus(t), thresholds{ent: 0.90, rel: 0.75, quo: 0.90, dup: 2})
}

// TestQualityBBCFresh scores the fourteen BBC articles of an independent annotator
// (eval/gold/bbcfresh), never tuned on: the best stand-in here for news nobody has read.
// Its floors sit below the product's targets: they catch a change that makes extraction
// worse on unseen news, and the README gives the figures as they are.
func TestQualityBBCFresh(t *testing.T) {
	checkQuality(t, "gold/bbcfresh", bbcCorpus(t), thresholds{ent: 0.80, rel: 0.45, quo: 0.80, dup: 6})
}

// TestQualityFresh2 scores the 24 Wikinews articles of eval/gold/fresh2, annotated before
// anyone read kg's output on them and never tuned on. Their texts are not committed:
// eval/gold/fresh2/SOURCE.md rebuilds them into a folder (KG_FRESH2_CORPUS, by default
// ../../corpora/fresh2 beside the checkout); the test is skipped where it is absent.
// The duplicate floor is 25: the linking stage gives one more duplicate here than the
// per-article resolver did (24), a known cost of linking by name, not yet won back.
func TestQualityFresh2(t *testing.T) {
	dir := os.Getenv("KG_FRESH2_CORPUS")
	if dir == "" {
		dir = "../../corpora/fresh2"
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("fresh2 texts not found at %s (set KG_FRESH2_CORPUS; eval/gold/fresh2/SOURCE.md makes them)", dir)
	}
	checkQuality(t, "gold/fresh2", dir, thresholds{ent: 0.75, rel: 0.40, quo: 0.65, dup: 25, noise: 1})
}
