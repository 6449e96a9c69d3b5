package eval

import (
	"strings"

	"github.com/kg-news/kg/extract"
)

// attribute says of each wrong or missed entity of the report whether a name rule or the
// learned recogniser produced it, or lost it: it extracts each article again and looks
// for the entity's names among the rules' proposals, the recogniser's names and the
// proposals the recogniser vetoed.
func attribute(r *Report, golds map[string]*Gold, texts map[string]string, x *extract.Extractor) {
	for i := range r.Docs {
		ds := &r.Docs[i]
		g, text := golds[ds.Doc], texts[ds.Doc]
		if g == nil || text == "" || len(ds.MissedEntities)+len(ds.WrongEntities) == 0 {
			continue
		}
		d, err := x.Extract(ds.Doc, ds.Doc, []byte(text))
		if err != nil {
			continue
		}
		forms := func(set []string) (rule, model, vetoed bool) {
			want := map[string]bool{}
			for _, s := range set {
				want[strings.ToLower(s)] = true
			}
			for _, m := range d.Mentions {
				if want[strings.ToLower(m.Text(d.Text))] {
					rule = rule || m.Source != extract.SourceModel
					model = model || m.Source != extract.SourceRule
				}
			}
			for _, n := range d.Names {
				if want[strings.ToLower(n.Text(d.Text))] {
					model = true
				}
			}
			for _, m := range d.Dropped {
				if want[strings.ToLower(m.Text(d.Text))] {
					vetoed = true
				}
			}
			return
		}
		for k, name := range ds.MissedEntities {
			var set []string
			for _, e := range g.Entities {
				if e.Name == name {
					set = append(append(set, e.Name), e.Aliases...)
				}
			}
			rule, model, vetoed := forms(set)
			var why string
			switch {
			case vetoed && !model:
				why = "a rule proposed it, the model vetoed it"
			case rule && model:
				why = "rule and model found it, lost after"
			case rule:
				why = "a rule found it, lost after"
			case model:
				why = "the model found it, lost after"
			default:
				why = "neither rule nor model saw it"
			}
			ds.MissedEntities[k] = name + " [" + why + "]"
		}
		for k, w := range ds.WrongEntities {
			name := w
			if j := strings.LastIndex(w, " ("); j > 0 {
				name = w[:j]
			}
			src := map[string]bool{}
			for _, e := range d.Entities {
				if e.Name != name {
					continue
				}
				for _, mi := range e.Mentions {
					src[d.Mentions[mi].Source.String()] = true
				}
			}
			var by []string
			for _, s := range []string{"rule", "rule+model", "model"} {
				if src[s] {
					by = append(by, s)
				}
			}
			if len(by) > 0 {
				ds.WrongEntities[k] = w + " [by " + strings.Join(by, ", ") + "]"
			}
		}
	}
}
