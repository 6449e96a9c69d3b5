package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph/voc"
)

// Ref names a node in a listing.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// EntityRow is one entity of the graph, as `kg entities --json` prints it.
type EntityRow struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Type       string    `json:"type"`
	Aliases    []string  `json:"aliases"` // names, in every article
	Sources    []string  `json:"sources"`
	Roles      []string  `json:"roles,omitempty"`
	References []DocText `json:"references,omitempty"` // descriptions, each in the article that uses it
	Links      []LinkRow `json:"links,omitempty"`      // why names that are not its own are this node
}

// DocText is a surface form in one article.
type DocText struct {
	Doc  string `json:"doc"`
	Text string `json:"text"`
}

// LinkRow is one decision of the linking stage that put an article's entity on a node
// other than by its name in full: the article, and why (the reason names the name).
type LinkRow struct {
	Doc    string `json:"doc"`
	Reason string `json:"reason"`
}

// Source is an article that states a fact, and the sentence that does.
type Source struct {
	Doc      string   `json:"doc"`
	Sentence string   `json:"sentence"`
	Date     string   `json:"date,omitempty"` // the date the sentence states, if it states one
	Article  *Article `json:"article,omitempty"`
	Rules    []string `json:"rules,omitempty"`    // the patterns or passes that stated it (kg:rule)
	Modality string   `json:"modality,omitempty"` // "planned", "possible", "conditional": no plain fact (kg:modality)
}

// Object is the object of a fact: a node, or a literal value.
type Object struct {
	ID    string `json:"id,omitempty"`
	Name  string `json:"name,omitempty"`
	Value string `json:"value,omitempty"`
}

// FactRow is one fact with every article that states it, as `kg facts --json` prints it.
type FactRow struct {
	Subject    Ref               `json:"subject"`
	Predicate  string            `json:"predicate"`
	Object     Object            `json:"object"`
	Qualifiers map[string]string `json:"qualifiers"`
	Sources    []Source          `json:"sources"`
	Symmetric  bool              `json:"symmetric,omitempty"`
}

// QuoteRow is one quotation, as `kg quotes --json` prints it.
type QuoteRow struct {
	Speaker Ref      `json:"speaker"`
	Text    string   `json:"text"`
	Doc     string   `json:"doc"`
	Date    string   `json:"date,omitempty"` // the date its sentence states, if it states one
	Article *Article `json:"article,omitempty"`
	Rule    string   `json:"rule,omitempty"` // the sieve that found its speaker (kg:rule)
}

// entityTypes are the classes listed as entities.
var entityTypes = []string{voc.Person, voc.Organization, voc.Place, voc.Event}

type entityAcc struct {
	names   map[string]int
	types   map[string]map[string]bool // type -> docs
	aliases map[string]int
	docs    map[string]bool
	roles   map[string]bool
	refs    map[DocText]bool
}

// Entities lists every entity of the graph with its name, type, aliases and articles,
// the most-mentioned first.
func (s *Store) Entities(ctx context.Context) ([]EntityRow, error) {
	return s.entities(ctx, nil)
}

// entities is Entities, handing every quad whose subject is an entity to also, when it
// is not nil.
func (s *Store) entities(ctx context.Context, also func(quad.Quad)) ([]EntityRow, error) {
	acc := map[quad.IRI]*entityAcc{}
	var order []quad.IRI
	for _, t := range entityTypes {
		qs, err := s.quadsOf(ctx, quad.Object, quad.IRI(t))
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if q.Predicate.String() != quad.IRI(voc.RDFType).String() {
				continue
			}
			iri, ok := q.Subject.(quad.IRI)
			if !ok {
				continue
			}
			a := acc[iri]
			if a == nil {
				a = &entityAcc{names: map[string]int{}, types: map[string]map[string]bool{}, aliases: map[string]int{}, docs: map[string]bool{}, roles: map[string]bool{}, refs: map[DocText]bool{}}
				acc[iri] = a
				order = append(order, iri)
			}
			tn := voc.TypeName(t)
			if a.types[tn] == nil {
				a.types[tn] = map[string]bool{}
			}
			a.types[tn][labelDoc(q)] = true
		}
	}
	for _, iri := range order {
		a := acc[iri]
		qs, err := s.quadsOf(ctx, quad.Subject, iri)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if also != nil {
				also(q)
			}
			switch q.Predicate.String() {
			case quad.IRI(voc.Name).String():
				a.names[quadString(q.Object)]++
			case quad.IRI(voc.Alias).String():
				a.aliases[quadString(q.Object)]++
			case quad.IRI(voc.Role).String():
				a.roles[quadString(q.Object)] = true
			case refPred:
				a.refs[DocText{Doc: labelDoc(q), Text: quadString(q.Object)}] = true
			}
			if d := labelDoc(q); d != "" {
				a.docs[d] = true
			}
		}
	}
	rows := make([]EntityRow, 0, len(order))
	for _, iri := range order {
		a := acc[iri]
		row := EntityRow{ID: string(iri), Name: bestName(a.names), Type: majorityType(a.types)}
		row.Aliases = sortedByCount(a.aliases)
		row.Sources = sortedKeys(a.docs)
		row.Roles = sortedKeys(a.roles)
		for r := range a.refs {
			row.References = append(row.References, r)
		}
		sort.Slice(row.References, func(i, j int) bool {
			x, y := row.References[i], row.References[j]
			return x.Doc < y.Doc || x.Doc == y.Doc && x.Text < y.Text
		})
		links, err := s.Links(ctx, iri)
		if err != nil {
			return nil, err
		}
		row.Links = links
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if len(rows[i].Sources) != len(rows[j].Sources) {
			return len(rows[i].Sources) > len(rows[j].Sources)
		}
		return rows[i].ID < rows[j].ID
	})
	return rows, nil
}

var refPred = quad.IRI(voc.Reference).String()

// Links returns the link records of a node: each article's entity that the linking stage
// put on it other than by its name in full, with the reason, in order.
func (s *Store) Links(ctx context.Context, node quad.IRI) ([]LinkRow, error) {
	qs, err := s.quadsOf(ctx, quad.Object, node)
	if err != nil {
		return nil, err
	}
	var out []LinkRow
	for _, q := range qs {
		rec, ok := q.Subject.(quad.IRI)
		if !ok || q.Predicate.String() != nodePred || !strings.HasPrefix(string(rec), voc.LinkPrefix) {
			continue
		}
		rqs, err := s.quadsOf(ctx, quad.Subject, rec)
		if err != nil {
			return nil, err
		}
		row := LinkRow{Doc: labelDoc(q)}
		for _, r := range rqs {
			if r.Predicate.String() == reasonPred {
				row.Reason = quadString(r.Object)
			}
		}
		out = append(out, row)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Doc != out[j].Doc {
			return out[i].Doc < out[j].Doc
		}
		return out[i].Reason < out[j].Reason
	})
	return out, nil
}

func majorityType(types map[string]map[string]bool) string {
	best, n := "", -1
	for _, t := range []string{"Person", "Organization", "Place", "Event"} {
		if c := len(types[t]); c > n && c > 0 {
			best, n = t, c
		}
	}
	return best
}

// labelDoc returns the article id of a quad's label.
func labelDoc(q quad.Quad) string {
	if q.Label == nil {
		return ""
	}
	return voc.DocID(q.Label.String())
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func sortedByCount(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// names reads the name of each node, through a cache.
type names struct {
	s     *Store
	ctx   context.Context
	cache map[string]string
}

func (n *names) of(v quad.Value) string {
	k := v.String()
	if name, ok := n.cache[k]; ok {
		return name
	}
	vals, _ := n.s.objects(n.ctx, v, voc.Name)
	counts := map[string]int{}
	for _, x := range vals {
		counts[quadString(x)]++
	}
	name := bestName(counts)
	if name == "" {
		name = quadString(v)
	}
	n.cache[k] = name
	return name
}

// Facts lists every fact of the graph, each once with all the articles that state it:
// relations between entities, then the roles people hold.
func (s *Store) Facts(ctx context.Context) ([]FactRow, error) {
	stmts, err := s.quadsOf(ctx, quad.Object, quad.IRI(voc.Statement))
	if err != nil {
		return nil, err
	}
	// the same facts in the same order whatever order the store walks its index in
	sort.SliceStable(stmts, func(i, j int) bool { return stmts[i].Subject.String() < stmts[j].Subject.String() })
	nm := &names{s: s, ctx: ctx, cache: map[string]string{}}
	arts := s.articleCache()
	symmetric := map[string]bool{}
	if sq, err := s.quadsOf(ctx, quad.Object, quad.IRI(voc.Symmetric)); err == nil {
		for _, q := range sq {
			symmetric[quadString(q.Subject)] = true
		}
	}
	byKey := map[string]*FactRow{}
	var keys []string
	seenStmt := map[string]bool{}
	for _, sq := range stmts {
		if sq.Predicate.String() != quad.IRI(voc.RDFType).String() || seenStmt[sq.Subject.String()] {
			continue
		}
		seenStmt[sq.Subject.String()] = true
		qs, err := s.quadsOf(ctx, quad.Subject, sq.Subject)
		if err != nil {
			return nil, err
		}
		var sub, obj quad.Value
		var pred, doc, evidence, date, modality string
		var rules []string
		quals := map[string]string{}
		for _, q := range qs {
			p := strings.Trim(q.Predicate.String(), "<>")
			switch {
			case p == voc.Subject:
				sub = q.Object
			case p == voc.Object:
				obj = q.Object
			case p == voc.Predicate:
				pred = quadString(q.Object)
			case p == voc.Doc:
				doc = voc.DocID(q.Object.String())
			case p == voc.Evidence:
				evidence = quadString(q.Object)
			case p == voc.Date:
				date = quadString(q.Object)
			case p == voc.Rule:
				rules = append(rules, quadString(q.Object))
			case p == voc.Modality:
				modality = quadString(q.Object)
			case strings.HasPrefix(p, voc.QualifierPrefix):
				quals[strings.TrimPrefix(p, voc.QualifierPrefix)] = nm.of(q.Object)
			}
		}
		if sub == nil || obj == nil || pred == "" {
			continue
		}
		k := sub.String() + " " + pred + " " + obj.String()
		row := byKey[k]
		if row == nil {
			row = &FactRow{
				Subject:    Ref{ID: quadString(sub), Name: nm.of(sub)},
				Predicate:  pred,
				Object:     Object{ID: quadString(obj), Name: nm.of(obj)},
				Qualifiers: map[string]string{},
				Symmetric:  symmetric[pred],
			}
			byKey[k] = row
			keys = append(keys, k)
		}
		for p, v := range quals {
			if _, ok := row.Qualifiers[p]; !ok {
				row.Qualifiers[p] = v
			}
		}
		art := arts.of(ctx, doc)
		sort.Strings(rules)
		row.Sources = append(row.Sources, Source{Doc: doc, Sentence: evidence, Date: date, Article: &art, Rules: rules, Modality: modality})
	}
	rows := make([]FactRow, 0, len(keys))
	for _, k := range keys {
		r := byKey[k]
		sortSources(r.Sources)
		rows = append(rows, *r)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if len(rows[i].Sources) != len(rows[j].Sources) {
			return len(rows[i].Sources) > len(rows[j].Sources)
		}
		a, b := rows[i], rows[j]
		return a.Subject.Name+a.Predicate+a.Object.Name < b.Subject.Name+b.Predicate+b.Object.Name
	})
	// roles
	roleQuads, err := s.quadsOfPredicate(ctx, voc.Role)
	if err != nil {
		return nil, err
	}
	roles := map[string]*FactRow{}
	var roleKeys []string
	for _, q := range roleQuads {
		title := quadString(q.Object)
		k := q.Subject.String() + " " + title
		row := roles[k]
		if row == nil {
			row = &FactRow{Subject: Ref{ID: quadString(q.Subject), Name: nm.of(q.Subject)}, Predicate: "role",
				Object: Object{Value: title}, Qualifiers: map[string]string{}}
			roles[k] = row
			roleKeys = append(roleKeys, k)
		}
		art := arts.of(ctx, labelDoc(q))
		row.Sources = append(row.Sources, Source{Doc: labelDoc(q), Article: &art})
	}
	sort.Strings(roleKeys)
	for _, k := range roleKeys {
		sortSources(roles[k].Sources)
		rows = append(rows, *roles[k])
	}
	return rows, nil
}

func sortSources(src []Source) {
	sort.Slice(src, func(i, j int) bool {
		if src[i].Doc != src[j].Doc {
			return src[i].Doc < src[j].Doc
		}
		return src[i].Sentence < src[j].Sentence
	})
}

// quadsOfPredicate returns the quads with predicate pred.
func (s *Store) quadsOfPredicate(ctx context.Context, pred string) ([]quad.Quad, error) {
	return s.quadsOf(ctx, quad.Predicate, quad.IRI(pred))
}

// Quotes lists every quotation with its speaker and article.
func (s *Store) Quotes(ctx context.Context) ([]QuoteRow, error) {
	nodes, err := s.quadsOf(ctx, quad.Object, quad.IRI(voc.Quote))
	if err != nil {
		return nil, err
	}
	nm := &names{s: s, ctx: ctx, cache: map[string]string{}}
	arts := s.articleCache()
	var rows []QuoteRow
	seen := map[string]bool{}
	for _, n := range nodes {
		if n.Predicate.String() != quad.IRI(voc.RDFType).String() || seen[n.Subject.String()] {
			continue
		}
		seen[n.Subject.String()] = true
		qs, err := s.quadsOf(ctx, quad.Subject, n.Subject)
		if err != nil {
			return nil, err
		}
		var row QuoteRow
		for _, q := range qs {
			switch strings.Trim(q.Predicate.String(), "<>") {
			case voc.Speaker:
				row.Speaker = Ref{ID: quadString(q.Object), Name: nm.of(q.Object)}
			case voc.Text:
				row.Text = quadString(q.Object)
			case voc.Doc:
				row.Doc = voc.DocID(q.Object.String())
			case voc.Date:
				row.Date = quadString(q.Object)
			case voc.Rule:
				row.Rule = quadString(q.Object)
			}
		}
		art := arts.of(ctx, row.Doc)
		row.Article = &art
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Doc != rows[j].Doc {
			return rows[i].Doc < rows[j].Doc
		}
		return rows[i].Speaker.Name < rows[j].Speaker.Name
	})
	return rows, nil
}

// Stats counts what the graph holds.
type Stats struct {
	Articles   int            `json:"articles"`
	Entities   map[string]int `json:"entities"`
	Statements int            `json:"statements"`
	Quotes     int            `json:"quotes"`
	Quads      int64          `json:"quads"`
	Nodes      int64          `json:"nodes"`
}

// Stats counts articles, entities by type, statements, quotations, quads and nodes.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Entities: map[string]int{}}
	count := func(class string) (int, error) {
		qs, err := s.quadsOf(ctx, quad.Object, quad.IRI(class))
		if err != nil {
			return 0, err
		}
		seen := map[string]bool{}
		for _, q := range qs {
			if q.Predicate.String() == quad.IRI(voc.RDFType).String() {
				seen[q.Subject.String()] = true
			}
		}
		return len(seen), nil
	}
	var err error
	if st.Articles, err = count(voc.Article); err != nil {
		return st, err
	}
	for _, t := range entityTypes {
		n, err := count(t)
		if err != nil {
			return st, err
		}
		st.Entities[voc.TypeName(t)] = n
	}
	if st.Statements, err = count(voc.Statement); err != nil {
		return st, err
	}
	if st.Quotes, err = count(voc.Quote); err != nil {
		return st, err
	}
	cs, err := s.QS.Stats(ctx, true)
	if errors.Is(err, kv.ErrNoBucket) {
		return st, nil // a store nothing was written to yet
	}
	if err != nil {
		return st, err
	}
	st.Quads, st.Nodes = cs.Quads.Value, cs.Nodes.Value
	return st, nil
}

// Find returns the IRI of the entity a name stands for, as people type it: by the keys of
// its names, else of its aliases ("President Putin"), else of the references articles make
// to it ("the Russian president"); among several, the one named in the most articles.
func (s *Store) Find(ctx context.Context, name string) (string, error) {
	key := voc.KeyOf(name)
	for _, pred := range []string{voc.Key, voc.AliasKey, voc.RefKey} {
		qs, err := s.quadsOf(ctx, quad.Object, quad.String(key))
		if err != nil {
			return "", err
		}
		best, bestN := "", -1
		seen := map[string]bool{}
		for _, q := range qs {
			if q.Predicate.String() != quad.IRI(pred).String() || seen[q.Subject.String()] {
				continue
			}
			seen[q.Subject.String()] = true
			n, err := path.StartPath(s.QS, q.Subject).In(quad.IRI(voc.Mentions)).Iterate(ctx).Count()
			if err != nil {
				return "", err
			}
			if int(n) > bestN {
				best, bestN = quadString(q.Subject), int(n)
			}
		}
		if best != "" {
			return best, nil
		}
	}
	return "", fmt.Errorf("nothing in the graph is known as %q", name)
}

// NodeForms is what one article calls a node: its names (with and without titles) and
// its references.
type NodeForms struct {
	ID         string
	Type       string
	Names      []string
	References []string
}

// DocForms returns the forms article doc gives each node it mentions, in the order of
// the nodes' IRIs.
func (s *Store) DocForms(ctx context.Context, doc string) ([]NodeForms, error) {
	label := voc.DocIRI(doc)
	qs, err := s.quadsOf(ctx, quad.Subject, label)
	if err != nil {
		return nil, err
	}
	var out []NodeForms
	for _, q := range qs {
		if q.Predicate.String() != mentionsPred || q.Label == nil || q.Label.String() != label.String() {
			continue
		}
		node, ok := q.Object.(quad.IRI)
		if !ok {
			continue
		}
		nqs, err := s.labelledQuadsOf(ctx, quad.Subject, node, label)
		if err != nil {
			return nil, err
		}
		f := NodeForms{ID: string(node)}
		for _, x := range nqs {
			switch x.Predicate.String() {
			case namePred, aliasPred:
				f.Names = append(f.Names, quadString(x.Object))
			case refPred:
				f.References = append(f.References, quadString(x.Object))
			case typePred:
				f.Type = voc.TypeName(x.Object.String())
			}
		}
		sort.Strings(f.Names)
		sort.Strings(f.References)
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

var (
	aliasPred = quad.IRI(voc.Alias).String()
	typePred  = quad.IRI(voc.RDFType).String()
)
