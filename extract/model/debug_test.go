package model

import (
	"fmt"
	"os"
	"testing"

	"github.com/kg-news/kg/extract/lexicon"
)

func TestDebugNER(t *testing.T) {
	dir := os.Getenv("KG_DEBUG_MODELS")
	if dir == "" {
		t.Skip()
	}
	lx := lexicon.Default()
	m, err := Load(os.DirFS(dir), ".", lx)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open("/work/corpora/ner/gum/test.bio")
	g, _ := ReadBIO(f)
	tags := m.Tagger.TagAll(g[:40])
	var wss [][]wordInfo
	for _, s := range g[:40] {
		wss = append(wss, prepare(s.Words, lx, nil))
	}
	mem := NewDocMemory(wss)
	for i, s := range g[:40] {
		cls, _ := m.Recognizer.Recognize(wss[i], tags[i], mem, nil)
		for k, w := range s.Words {
			fmt.Printf("%s/%s/%s ", w, s.Ents[k], m.Recognizer.m.Classes[cls[k]])
		}
		fmt.Println()
	}
}
