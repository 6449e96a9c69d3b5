package extract

import (
	"strings"
	"testing"
)

// TestModelNames checks what the learned core adds to the name rules, on invented
// sentences: a capitalised first word the tagger reads as a verb or an adjective is no
// name, nor a stray capitalised word named once, and a body's name that opens with a title
// word stays whole.
func TestModelNames(t *testing.T) {
	x := New()
	for _, tc := range []struct {
		text      string
		want, not []string // names that must be, and must not be, mentions
	}{
		{"Rebranded as a charity, the group met Jane Roe in Paris.", []string{"Jane Roe", "Paris"}, []string{"Rebranded"}},
		{"A report by the Centre for Policy Studies criticised the plan.", []string{"Centre for Policy Studies"}, []string{"for Policy Studies"}},
		{"The Institute for Coastal Research said the sea had risen.", []string{"Institute for Coastal Research"}, nil},
		// a person after the body she is of, and what a person is of
		{"The Westland director of Amnesty International Carl Webster said the same.", []string{"Amnesty International", "Carl Webster"}, []string{"Amnesty International Carl Webster"}},
		{"\"It is a hopeful start\", said Carl Webster of the Westfield–Harbour Center.", []string{"Carl Webster"}, nil},
		{"Among the guests was the painter Ann Webster d'Arcy.", []string{"Ann Webster d'Arcy"}, nil},
		// a capitalised word of a title, written once, names no body
		{"On Monday Crown Prince Carl Webster met the press.", []string{"Carl Webster"}, []string{"Crown"}},
		// a word capitalised inside a phrase, named once, is no name
		{"By the 22nd Century, towns will need more libraries, Ann Lee said.", []string{"Ann Lee"}, []string{"Century"}},
		// ... but a body named as "the" something is kept
		{"Ann Lee said the Tories would win.", []string{"Ann Lee", "Tories"}, nil},
	} {
		d, err := x.Extract("t", "t", []byte("Headline\n"+tc.text))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, m := range d.Mentions {
			got[m.Text(d.Text)] = true
		}
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("%q: no mention %q (have %v)", tc.text, w, keys(got))
			}
		}
		for _, w := range tc.not {
			if got[w] {
				t.Errorf("%q: mention %q", tc.text, w)
			}
		}
	}
}

func keys(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return strings.Join(out, ", ")
}

// TestParseOnDemand checks that a sentence is parsed when a stage asks, and only then.
func TestParseOnDemand(t *testing.T) {
	x := New()
	d := &Document{ID: "t", Text: "Headline\nJane Roe met the mayor of Westfield on Tuesday."}
	for _, st := range Stages {
		st.Run(x, d)
		if st.Name == "names" {
			break
		}
	}
	s := d.Sentences[1]
	for w := s.FirstWord; w < s.EndWord; w++ {
		if d.Words[w].Rel != "" {
			t.Fatalf("word %d parsed before anyone asked", w)
		}
	}
	if !d.Parse(1) {
		t.Fatal("Parse(1) = false")
	}
	roots := 0
	for w := s.FirstWord; w < s.EndWord; w++ {
		if d.Words[w].Rel == "" {
			t.Errorf("word %d has no label", w)
		}
		if d.Words[w].Head < 0 {
			roots++
		}
	}
	if roots != 1 {
		t.Errorf("%d roots", roots)
	}
	if d.Parse(0) {
		t.Error("the headline was parsed")
	}
}

// TestNameTypes checks the type the rules give names that no lexicon lists, on invented
// sentences.
func TestNameTypes(t *testing.T) {
	x := New()
	for _, tc := range []struct {
		text, name string
		want       Type
	}{
		{"Harbour Rovers: C Lee; J Roe, S Tate. J Roe scored twice on Saturday.", "J Roe", Person}, // an initial and a surname
		{"A team from G Roe Ltd also came.", "G Roe Ltd", Organization},
		{"Mr Lee met Democrat Ann Webb on Monday.", "Ann Webb", Person}, // a word that describes her
		{"The Coastal Free Trade Zone opens in May.", "Coastal Free Trade Zone", Organization},
		{"Carl Webster called Mayor Ann May's housing plan shabby.", "Ann May", Person}, // a surname that is a month
	} {
		d, err := x.Extract("t", "t", []byte("Headline\n"+tc.text))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range d.Entities {
			if e.Name == tc.name {
				found = true
				if e.Type != tc.want {
					t.Errorf("%q: %s is a %s, want %s", tc.text, tc.name, e.Type, tc.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no entity %s", tc.text, tc.name)
		}
	}
}
