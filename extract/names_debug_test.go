package extract

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugNames(t *testing.T) {
	text := os.Getenv("KG_DEBUG_TEXT")
	if text == "" {
		t.Skip()
	}
	d, err := New().Extract("x", "x", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range d.Names {
		fmt.Printf("NAME %q %s\n", n.Text(d.Text), n.Type)
	}
	for _, m := range d.Mentions {
		fmt.Printf("MENTION %q full=%q %s str=%d src=%s kind=%d role=%q\n", m.Text(d.Text), m.Full.Text(d.Text), m.Type, m.Strength, m.Source, m.Kind, m.Role)
	}
	for si := range d.Sentences {
		d.Parse(si)
	}
	for _, w := range d.Words[:min(len(d.Words), 60)] {
		fmt.Printf("%s/%s/%s ", w.Text(d.Text), w.Tag, w.Rel)
	}
	fmt.Println()
}
