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
	f, _ := os.Open(os.Getenv("KG_DEBUG_BIO"))
	g, _ := ReadBIO(f)
	n := min(len(g), 300)
	tags := m.Tagger.TagAll(g[:n])
	var wss [][]wordInfo
	for _, s := range g[:n] {
		wss = append(wss, prepare(s.Words, lx, nil))
	}
	mem := NewDocMemory(wss)
	for i, s := range g[:n] {
		cls, _ := m.Recognizer.Recognize(wss[i], tags[i], nil, mem, nil)
		for k, w := range s.Words {
			fmt.Printf("%s/%s/%s ", w, s.Ents[k], m.Recognizer.m.Classes[cls[k]])
		}
		fmt.Println()
	}
}
