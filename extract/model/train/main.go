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
	epochs := flag.Int("epochs", 16, "tagger training epochs")
	pepochs := flag.Int("pepochs", 15, "parser training epochs")
	nepochs := flag.Int("nepochs", 15, "recogniser training epochs")
	folds := flag.Int("folds", 4, "jackknife folds for the parser's training tags")
	profile := flag.String("cpuprofile", "", "write a CPU profile of scoring")
	reuse := flag.String("reuse", "", "start from the weights in this folder and train only -only")
	only := flag.String("only", "", "with -reuse: the model to train again (tagger, parser or ner)")
	prune := flag.Float64("prune", 0.7, "drop this share of the parser's and the recogniser's features, the ones that weigh least")
	tagPrune := flag.Float64("tagger-prune", 0.5, "drop this share of the tagger's features, the ones that weigh least")
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
			m.Recognizer = trainNER(p, m.Context(), m.Tagger, o)
		case "tagger":
			var tr []model.Gold
			for _, f := range []string{"ud/ewt/train.conllu", "ud/ewt/dev.conllu", "ud/gum/train.conllu", "ud/gum/dev.conllu"} {
				tr = append(tr, conllu(p(f))...)
			}
			tg, err := model.TrainTagger(tr, m.Context(), model.TrainOptions{Epochs: *epochs, Seed: 1, Log: log.Printf})
			if err != nil {
				log.Fatal(err)
			}
			m.Tagger = tg
		case "":
		default:
			log.Fatalf("-only %q: want tagger or ner", *only)
		}
		m.Prune(*prune, *tagPrune)
		if *out != "" {
			if err := m.Save(*out, model.Notice); err != nil {
				log.Fatal(err)
			}
		}
	} else {
		m = train(p, &model.Context{Lexicon: lx}, *epochs, *pepochs, *nepochs, *folds)
		m.Prune(*prune, *tagPrune)
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
		a := m.Parser.Score(s.g, tags, m.Context())
		pt := time.Since(t0)
		fmt.Printf("%-14s UPOS %.2f | %s | tag %.1f µs/word, parse %.1f µs/word\n", s.name, 100*model.TagAccuracy(t, s.g), a,
			float64(tt.Microseconds())/float64(a.Words), float64(pt.Microseconds())/float64(a.Words))
		fmt.Printf("%-14s gold tags: %s\n", "", m.Parser.Score(s.g, model.GoldTags(s.g), m.Context()))
	}
	var all, allK [3]int // gold, found, right over the held-out splits of the training corpora
	defer func() {
		f := func(x [3]int) float64 { return 2 * float64(x[2]) / float64(x[0]+x[1]) }
		fmt.Printf("NER held-out splits of the training corpora, together: F1 %.3f (countries as places: %.3f)\n", f(all), f(allK))
	}()
	for _, c := range append(nerCorpora, "uner_pud") {
		path := p("ner/" + c + "/test.bio")
		if _, err := os.Stat(path); err != nil {
			continue
		}
		ds := withHints(docs(bio(path), t))
		s := m.Recognizer.Score(ds, m.Context(), []string{"PER", "ORG", "LOC"})
		ks := m.Recognizer.Score(withHints(docs(kgConvention(bio(path), lx), t)), m.Context(), []string{"PER", "ORG", "LOC"})
		fmt.Printf("NER %-18s P %.3f R %.3f F1 %.3f (gold %d; countries as places: F1 %.3f) %v\n", c, s.P, s.R, s.F1, s.Gold, ks.F1, s.PerType)
		if c != "uner_pud" {
			all[0], all[1], all[2] = all[0]+s.Gold, all[1]+s.Found, all[2]+s.OK
			allK[0], allK[1], allK[2] = allK[0]+ks.Gold, allK[1]+ks.Found, allK[2]+ks.OK
		}
	}
}

func train(p func(string) string, cx *model.Context, epochs, pepochs, nepochs, folds int) *model.Models {
	// train and dev splits: the test splits alone are held out
	var train []model.Gold
	for _, f := range []string{"ud/ewt/train.conllu", "ud/ewt/dev.conllu", "ud/gum/train.conllu", "ud/gum/dev.conllu"} {
		train = append(train, conllu(p(f))...)
	}
	o := model.TrainOptions{Epochs: epochs, Seed: 1, MinSeen: 1, MinWeight: 0, Log: log.Printf}
	tg, err := model.TrainTagger(train, cx, o)
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
			ft, err := model.TrainTagger(in, cx, fo)
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
	ps, err := model.TrainParser(model.ParserData{Gold: train, Tags: tags}, cx, po)
	if err != nil {
		log.Fatal(err)
	}
	no := o
	no.Epochs = nepochs
	return model.NewModels(tg, ps, trainNER(p, cx, tg, no), cx)
}

func trainNER(p func(string) string, cx *model.Context, tg *model.Tagger, o model.TrainOptions) *model.Recognizer {
	var nd []model.NERDoc
	// train and dev splits: the test splits alone are held out
	for _, c := range nerCorpora {
		for _, split := range []string{"train", "dev"} {
			nd = append(nd, withHints(docs(kgConvention(bio(p("ner/"+c+"/"+split+".bio")), cx.Lexicon), tg))...)
		}
	}
	return model.TrainRecognizer(nd, cx, []string{"PER", "ORG", "LOC"}, o)
}
