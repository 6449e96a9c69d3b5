package link

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

//go:embed data/*.tsv
var dataFiles embed.FS

// Variant is one organisation of the table of known variant names
// (link/data/variants.tsv).
type Variant struct {
	Name    string // canonical name
	Type    string
	Country string // ISO code, "" if international
}

// Tables holds the linking stage's data: known variant names of organisations and the
// short forms of given names. It is read-only once loaded.
type Tables struct {
	variants map[string]*Variant // identity key of any variant (and of the name) -> organisation
	nick     map[string]string   // folded short form of a given name -> full form
}

// LoadTables reads the embedded tables.
func LoadTables() (*Tables, error) {
	t := &Tables{variants: map[string]*Variant{}, nick: map[string]string{}}
	err := readTSV("data/variants.tsv", func(f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("want name, type, country, variants")
		}
		v := &Variant{Name: f[0], Type: f[1], Country: f[2]}
		names := []string{f[0]}
		if len(f) > 3 && f[3] != "" {
			names = append(names, strings.Split(f[3], "|")...)
		}
		for _, n := range names {
			k := orgKey(n, true)
			if old, ok := t.variants[k]; ok && old != v {
				return fmt.Errorf("%q is a variant of both %q and %q", n, old.Name, v.Name)
			}
			t.variants[k] = v
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("data/nicknames.tsv", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want name, short forms")
		}
		full := strings.Join(words(f[0]), " ")
		for _, s := range strings.Split(f[1], "|") {
			k := strings.Join(words(s), " ")
			if old, ok := t.nick[k]; ok && old != full {
				return fmt.Errorf("%q is a short form of both %q and %q", s, old, full)
			}
			t.nick[k] = full
		}
		return nil
	})
	return t, err
}

func readTSV(name string, fn func([]string) error) error {
	f, err := dataFiles.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if err := fn(strings.Split(s, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	return sc.Err()
}

// Variant returns the organisation a name is a known variant of, or nil.
func (t *Tables) Variant(name string) *Variant { return t.variants[orgKey(name, true)] }
