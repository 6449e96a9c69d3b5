// Command train trains kg's tagger, parser and recogniser from openly licensed corpora and
// writes their weights, seeded, so that the same corpora always give the same bytes.
//
//	go run ./extract/model/train -data DIR -out extract/model/weights
//	go run ./extract/model/train -data DIR -eval extract/model/weights
//
// DIR holds the corpora as DATA.md describes: ud/ewt, ud/gum and ner/<corpus> with
// train, dev and test files.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/kg-news/kg/extract/lexicon"
	"github.com/kg-news/kg/extract/model"
)

func readWith(path string, fn func(*os.File) ([]model.Gold, error)) []model.Gold {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	g, err := fn(f)
	if err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	return g
}

func conllu(path string) []model.Gold {
	return readWith(path, func(f *os.File) ([]model.Gold, error) { return model.ReadCoNLLU(f) })
}

func bio(path string) []model.Gold {
	return readWith(path, func(f *os.File) ([]model.Gold, error) { return model.ReadBIO(f) })
}

// nerCorpora are the recogniser's training corpora, under ner/.
var nerCorpora = []string{"uner_ewt", "gum", "wikigold", "crossner_politics"}

// kgConvention retypes as LOC the ORG names that are exactly a country, region or city
// of kg's gazetteer: the corpora tag a country that acts (a government, a team) as an
// organisation, kg always calls it a place. Other names are left as they are.
func kgConvention(sents []model.Gold, lx *lexicon.Lexicon) []model.Gold {
	for si := range sents {
		e := sents[si].Ents
		for i := 0; i < len(e); i++ {
			if e[i] != "B-ORG" {
				continue
			}
			j := i + 1
			for j < len(e) && e[j] == "I-ORG" {
				j++
			}
			if p := lx.Place(strings.Join(sents[si].Words[i:j], " ")); p != nil {
				e[i] = "B-LOC"
				for k := i + 1; k < j; k++ {
					e[k] = "I-LOC"
				}
			}
			i = j - 1
		}
	}
	return sents
}

func docs(sents []model.Gold, t *model.Tagger) []model.NERDoc {
	tags := t.TagAll(sents)
	var out []model.NERDoc
	for i, s := range sents {
		if i == 0 || s.Doc != sents[i-1].Doc || len(out[len(out)-1].Sents) >= 40 {
			out = append(out, model.NERDoc{})
		}
		d := &out[len(out)-1]
		d.Sents = append(d.Sents, s)
		d.Tags = append(d.Tags, tags[i])
	}
	return out
}

func main() {
	data := flag.String("data", "/work/corpora", "corpus folder")
	out := flag.String("out", "", "write the weights into this folder")
	eval := flag.String("eval", "", "only score the weights in this folder")
	epochs := flag.Int("epochs", 10, "tagger training epochs")
	pepochs := flag.Int("pepochs", 15, "parser training epochs")
	nepochs := flag.Int("nepochs", 10, "recogniser training epochs")
	folds := flag.Int("folds", 4, "jackknife folds for the parser's training tags")
	profile := flag.String("cpuprofile", "", "write a CPU profile of scoring")
	reuse := flag.String("reuse", "", "start from the weights in this folder and train only -only")
	only := flag.String("only", "", "with -reuse: the model to train again (tagger, parser or ner)")
	prune := flag.Float64("prune", 0.7, "drop this share of each model's features, the ones that weigh least")
	flag.Parse()
	lx := lexicon.Default()
	p := func(s string) string { return filepath.Join(*data, s) }
	ewtTest := conllu(p("ud/ewt/test.conllu"))
	gumTest := conllu(p("ud/gum/test.conllu"))
	gumNews := conllu(p("ud/gum/gum_news_test.conllu"))
	pudTest := conllu(p("ud/pud/test.conllu"))
	var m *model.Models
	if *eval != "" {
		var err error
		m, err = model.Load(os.DirFS(*eval), ".", lx)
		if err != nil {
			log.Fatal(err)
		}
	} else if *reuse != "" {
		var err error
		m, err = model.Load(os.DirFS(*reuse), ".", lx)
		if err != nil {
			log.Fatal(err)
		}
		o := model.TrainOptions{Epochs: *nepochs, Seed: 1, Log: log.Printf}
		switch *only {
		case "ner":
			m.Recognizer = trainNER(p, lx, m.Tagger, o)
		case "":
		default:
			log.Fatalf("-only %q: want ner", *only)
		}
		m.Prune(*prune)
		if *out != "" {
			if err := m.Save(*out, model.Notice); err != nil {
				log.Fatal(err)
			}
		}
	} else {
		m = train(p, lx, *epochs, *pepochs, *nepochs, *folds)
		m.Prune(*prune)
		if *out != "" {
			if err := m.Save(*out, model.Notice); err != nil {
				log.Fatal(err)
			}
		}
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	t := m.Tagger
	for _, s := range []struct {
		name string
		g    []model.Gold
	}{{"EWT test", ewtTest}, {"GUM test", gumTest}, {"GUM news test", gumNews}, {"PUD test", pudTest}} {
		t0 := time.Now()
		tags := t.TagAll(s.g)
		tt := time.Since(t0)
		t0 = time.Now()
		a := m.Parser.Score(s.g, tags, lx)
		pt := time.Since(t0)
		fmt.Printf("%-14s UPOS %.2f | %s | tag %.1f µs/word, parse %.1f µs/word\n", s.name, 100*model.TagAccuracy(t, s.g), a,
			float64(tt.Microseconds())/float64(a.Words), float64(pt.Microseconds())/float64(a.Words))
		fmt.Printf("%-14s gold tags: %s\n", "", m.Parser.Score(s.g, model.GoldTags(s.g), lx))
	}
	for _, c := range append(nerCorpora, "uner_pud") {
		path := p("ner/" + c + "/test.bio")
		if _, err := os.Stat(path); err != nil {
			continue
		}
		ds := withHints(docs(bio(path), t))
		s := m.Recognizer.Score(ds, lx, []string{"PER", "ORG", "LOC"})
		ks := m.Recognizer.Score(withHints(docs(kgConvention(bio(path), lx), t)), lx, []string{"PER", "ORG", "LOC"})
		fmt.Printf("NER %-18s P %.3f R %.3f F1 %.3f (gold %d; countries as places: F1 %.3f) %v\n", c, s.P, s.R, s.F1, s.Gold, ks.F1, s.PerType)
	}
}

func train(p func(string) string, lx *lexicon.Lexicon, epochs, pepochs, nepochs, folds int) *model.Models {
	ewtTrain := conllu(p("ud/ewt/train.conllu"))
	gumTrain := conllu(p("ud/gum/train.conllu"))
	train := append(append([]model.Gold{}, ewtTrain...), gumTrain...)
	o := model.TrainOptions{Epochs: epochs, Seed: 1, MinSeen: 1, MinWeight: 0, Log: log.Printf}
	tg, err := model.TrainTagger(train, lx, o)
	if err != nil {
		log.Fatal(err)
	}
	tags := make([][]model.Tag, len(train))
	if folds > 1 {
		for k := 0; k < folds; k++ {
			var in, held []model.Gold
			var heldIdx []int
			for i := range train {
				if i%folds == k {
					held = append(held, train[i])
					heldIdx = append(heldIdx, i)
				} else {
					in = append(in, train[i])
				}
			}
			fo := o
			fo.Log = nil
			ft, err := model.TrainTagger(in, lx, fo)
			if err != nil {
				log.Fatal(err)
			}
			for j, ht := range ft.TagAll(held) {
				tags[heldIdx[j]] = ht
			}
			log.Printf("jackknife fold %d of %d tagged", k+1, folds)
		}
	} else {
		tags = model.GoldTags(train)
	}
	po := o
	po.Epochs = pepochs
	ps, err := model.TrainParser(model.ParserData{Gold: train, Tags: tags}, lx, po)
	if err != nil {
		log.Fatal(err)
	}
	no := o
	no.Epochs = nepochs
	return model.NewModels(tg, ps, trainNER(p, lx, tg, no), lx)
}

func trainNER(p func(string) string, lx *lexicon.Lexicon, tg *model.Tagger, o model.TrainOptions) *model.Recognizer {
	var nd []model.NERDoc
	for _, c := range nerCorpora {
		nd = append(nd, withHints(docs(kgConvention(bio(p("ner/"+c+"/train.bio")), lx), tg))...)
	}
	// CrossNER's train split is small and its dev split large: both train
	nd = append(nd, withHints(docs(kgConvention(bio(p("ner/crossner_politics/dev.bio")), lx), tg))...)
	return model.TrainRecognizer(nd, lx, []string{"PER", "ORG", "LOC"}, o)
}
