package eval

import (
	"context"
	"os"
	"strings"
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
// anyone read kg's output on them. It was never tuned on until fresh3 was annotated; it is
// a development set since (see eval/gold/fresh3/SOURCE.md). Its texts are not committed:
// eval/gold/fresh2/SOURCE.md rebuilds them into a folder (KG_FRESH2_CORPUS, by default
// ../../corpora/fresh2 beside the checkout); the test is skipped where it is absent.
func TestQualityFresh2(t *testing.T) {
	checkQuality(t, "gold/fresh2", freshCorpus(t, "fresh2"), thresholds{ent: 0.78, rel: 0.40, quo: 0.70, dup: 23, noise: 1})
}

// TestQualityFresh3 scores the 21 Wikinews articles of eval/gold/fresh3, annotated by
// reading only before kg ran on them, and never tuned on: only their TOTAL line has been
// read. The texts are rebuilt by eval/gold/fresh3/SOURCE.md (KG_FRESH3_CORPUS, by default
// ../../corpora/fresh3); the test is skipped where they are absent.
func TestQualityFresh3(t *testing.T) {
	checkQuality(t, "gold/fresh3", freshCorpus(t, "fresh3"), thresholds{ent: 0.77, rel: 0.37, quo: 0.76, dup: 10, noise: 3})
}

// freshCorpus returns the folder of a fresh set's texts (KG_<SET>_CORPUS, by default
// ../../corpora/<set>), skipping the test where it is absent.
func freshCorpus(t *testing.T, set string) string {
	t.Helper()
	dir := os.Getenv("KG_" + strings.ToUpper(set) + "_CORPUS")
	if dir == "" {
		dir = "../../corpora/" + set
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s texts not found at %s (set KG_%s_CORPUS; eval/gold/%s/SOURCE.md makes them)", set, dir, strings.ToUpper(set), set)
	}
	return dir
}
