// Package voc is kg's vocabulary: every IRI prefix, class and predicate the store uses,
// in one place. Relation predicates are the exception: they are the verbs an article uses
// ("invited", "met"), written as bare IRIs such as <invited>, and Relation builds them.
package voc

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	qvoc "github.com/cayleygraph/quad/voc"
	_ "github.com/cayleygraph/quad/voc/core" // registers rdf:, rdfs:, schema: and friends
)

// Namespaces of kg's own IRIs. Stored IRIs use the short prefixed form (<kg:alias>);
// exports expand them to the full form.
const (
	Base = "https://kg-news.github.io/"

	Prefix       = "kg:"
	Namespace    = Base + "voc#"
	EntityPrefix = "ent:"
	EntityNS     = Base + "entity/"
	DocPrefix    = "doc:"
	DocNS        = Base + "doc/"
	StmtPrefix   = "stmt:"
	StmtNS       = Base + "statement/"
	QuotePrefix  = "quote:"
	QuoteNS      = Base + "quote/"
	RelationNS   = Base + "relation/"
)

// Classes and predicates of the vocabulary.
const (
	RDFType = "rdf:type"

	// entity types (schema.org)
	Person       = "schema:Person"
	Organization = "schema:Organization"
	Place        = "schema:Place"
	Event        = "schema:Event"
	Article      = "schema:NewsArticle"

	Name     = "schema:name"
	Headline = "schema:headline"
	Mentions = "schema:mentions"

	// what an article's source says about it
	DatePublished = "schema:datePublished" // "2025-08-15" or "2025-08-15T09:30:00Z"
	URL           = "schema:url"
	Publisher     = "schema:publisher" // the site or outlet, as a name
	Author        = "schema:author"    // one quad per author, as a name
	InLanguage    = "schema:inLanguage"
	GUID          = Prefix + "guid" // a feed item's identifier

	Alias     = Prefix + "alias"     // a name an article uses for an entity, with or without its title
	Key       = Prefix + "key"       // normalised form of a name, for lookups
	AliasKey  = Prefix + "aliasKey"  // normalised form of an alias
	Reference = Prefix + "reference" // a description that stands for the entity in one article ("the party")
	RefKey    = Prefix + "refKey"    // normalised form of a reference
	Role      = Prefix + "role"      // a title a person holds
	SHA256    = Prefix + "sha256"    // content hash of an article
	Path      = Prefix + "path"      // where the article was read from
	Digest    = Prefix + "digest"    // SHA-256 of an article's other quads as written, for kg check

	Statement = Prefix + "Statement" // class of statement nodes
	Relation  = Prefix + "Relation"  // class of relation predicates
	Symmetric = Prefix + "Symmetric" // class of relations whose direction does not matter
	Subject   = Prefix + "subject"
	Predicate = Prefix + "predicate"
	Object    = Prefix + "object"
	Evidence  = Prefix + "evidence" // the sentence a fact or quotation comes from
	Sentence  = Prefix + "sentence" // its index in the article
	Doc       = Prefix + "doc"      // the article a statement or quotation belongs to

	SymmetricFlag = Prefix + "symmetric" // on a statement whose relation has no direction
	Rule          = Prefix + "rule"      // on a statement: the pattern or pass that stated it, one quad per rule
	Modality      = Prefix + "modality"  // on a statement that is no plain fact: "planned", "possible", "conditional"
	Published     = Prefix + "published" // on a statement or quotation: its article's date
	Date          = Prefix + "date"      // on a statement or quotation: the date its sentence states

	Quote   = Prefix + "Quote"   // class of quotation nodes
	Speaker = Prefix + "speaker" // who said it
	Text    = Prefix + "text"    // what was said
	About   = Prefix + "about"   // an entity the quotation names
)

// Cross-article linking (package link): why an article's entity is the node it is, and
// what a later decision needs to see again. Every quad is labelled with its article,
// except the bookkeeping under Links.
const (
	LinkPrefix = "link:" // link records: <link:DOC/N>, entity N of article DOC
	LinkNS     = Base + "link/"

	Node         = Prefix + "node"          // the node a record's entity is linked to
	Reason       = Prefix + "reason"        // why, in words, with the score
	LinkKey      = Prefix + "linkKey"       // on a record: the link key its entity is decided by ("p:smith")
	LinkEvidence = Prefix + "linkEvidence"  // on a record: what its entity's article says of it, as JSON
	Moving       = Prefix + "moving"        // on an article: its record is being moved off this node
	Dependent    = Prefix + "dependent"     // on an article: the node of one of its dependents
	Pending      = Prefix + "relinkPending" // under Links: a build or removal has not relinked yet
	Links        = Prefix + "links"         // subject and label of the linking stage's bookkeeping
)

// LinkIRI returns the IRI of the link record of entity n of article doc.
func LinkIRI(doc string, n int) quad.IRI {
	return quad.IRI(LinkPrefix + doc + "/" + strconv.Itoa(n))
}

// QualifierPrefix starts the predicate of a statement's qualifier: <kg:q_to>.
const QualifierPrefix = Prefix + "q_"

func init() {
	for p, ns := range map[string]string{
		Prefix: Namespace, EntityPrefix: EntityNS, DocPrefix: DocNS, StmtPrefix: StmtNS, QuotePrefix: QuoteNS,
		LinkPrefix: LinkNS,
	} {
		qvoc.RegisterPrefix(p, ns)
	}
}

// IRI returns a vocabulary term as an IRI value.
func IRI(term string) quad.IRI { return quad.IRI(term) }

// TypeIRI returns the class of an entity type name ("Person" -> schema:Person).
func TypeIRI(t string) quad.IRI {
	switch t {
	case "Person":
		return Person
	case "Organization":
		return Organization
	case "Place":
		return Place
	case "Event":
		return Event
	}
	return quad.IRI("schema:" + t)
}

// TypeName returns the entity type name of a class IRI ("schema:Person" -> "Person").
func TypeName(iri string) string {
	iri = strings.TrimSuffix(strings.TrimPrefix(iri, "<"), ">")
	if i := strings.LastIndexAny(iri, ":/#"); i >= 0 {
		return iri[i+1:]
	}
	return iri
}

// Relation returns the predicate IRI of a relation named by its verb ("invited").
func RelationIRI(verb string) quad.IRI { return quad.IRI(verb) }

// Qualifier returns the predicate IRI of a statement qualifier ("to" -> kg:q_to).
func Qualifier(prep string) quad.IRI { return quad.IRI(QualifierPrefix + prep) }

// EntityIRI returns the IRI of an entity with the given slug.
func EntityIRI(slug string) quad.IRI { return quad.IRI(EntityPrefix + slug) }

// DocIRI returns the IRI of an article, which is also the label of all its quads.
func DocIRI(id string) quad.IRI { return quad.IRI(DocPrefix + id) }

// DocID returns the article id of a document IRI, or "" if it is not one.
func DocID(iri string) string {
	iri = strings.TrimSuffix(strings.TrimPrefix(iri, "<"), ">")
	if !strings.HasPrefix(iri, DocPrefix) {
		return ""
	}
	return iri[len(DocPrefix):]
}

// IsRelation reports whether a predicate IRI is a relation verb rather than a term of the
// vocabulary: relation predicates carry no prefix.
func IsRelation(iri string) bool {
	iri = strings.TrimSuffix(strings.TrimPrefix(iri, "<"), ">")
	return iri != "" && !strings.Contains(iri, ":")
}

// Full expands a stored IRI to its absolute form for exports: prefixed terms through the
// registered prefixes, bare relation verbs under RelationNS.
func Full(iri quad.IRI) quad.IRI {
	s := string(iri)
	if IsRelation(s) {
		return quad.IRI(RelationNS + s)
	}
	return iri.Full()
}

// Short is the inverse of Full.
func Short(iri quad.IRI) quad.IRI {
	s := string(iri)
	if strings.HasPrefix(s, RelationNS) {
		return quad.IRI(s[len(RelationNS):])
	}
	return iri.Short()
}

// Stem links a relation predicate to the stem of its verb (VerbStem), so that a query
// finds every predicate a verb names, in any form, without reading them all.
const Stem = Prefix + "stem"

// irregular maps irregular verb forms to their base form, for VerbStem.
var irregular = map[string]string{
	"met": "meet", "told": "tell", "led": "lead", "spoke": "speak", "spoken": "speak", "fought": "fight",
	"beaten": "beat", "won": "win", "left": "leave", "went": "go", "gone": "go", "flew": "fly", "flown": "fly",
	"bought": "buy", "sold": "sell", "ran": "run", "held": "hold", "took": "take", "taken": "take",
	"gave": "give", "given": "give", "saw": "see", "seen": "see", "said": "say", "brought": "bring",
	"shook": "shake", "shaken": "shake", "drew": "draw", "drawn": "draw", "lost": "lose", "sued": "sue",
	"overcame": "overcome", "shot": "shoot", "struck": "strike", "sought": "seek", "made": "make",
	"paid": "pay", "sent": "send", "quit": "quit", "bid": "bid", "beat": "beat", "put": "put", "hit": "hit",
}

// VerbStem reduces the verb of a relation predicate, in any form, to a stem:
// "criticised", "criticize", "criticizing" and "criticized" share one, and "spoke_with"
// has the stem of "speak". It is the Go twin of kgStem in queries/lib.js; a test in
// package queries keeps the two equal.
func VerbStem(verb string) string {
	v := strings.ToLower(verb)
	if i := strings.IndexAny(v, "_ \t\n"); i >= 0 {
		v = v[:i]
	}
	if b, ok := irregular[v]; ok {
		v = b
	}
	for _, suf := range []string{"ise", "ised", "ises", "ising"} {
		if strings.HasSuffix(v, suf) {
			v = v[:len(v)-len(suf)] + "iz" + suf[2:]
			break
		}
	}
	n := utf8.RuneCountInString(v)
	switch {
	case n > 5 && strings.HasSuffix(v, "ing"):
		v = v[:len(v)-3]
	case n > 4 && strings.HasSuffix(v, "ied"):
		v = v[:len(v)-3] + "y"
	case n > 4 && strings.HasSuffix(v, "ies"):
		v = v[:len(v)-3] + "y"
	case n > 4 && strings.HasSuffix(v, "ed"):
		v = v[:len(v)-2]
	case hasAnySuffix(v, "ches", "shes", "sses", "xes", "zes", "oes"):
		v = v[:len(v)-2]
	case n > 3 && strings.HasSuffix(v, "s") && !strings.HasSuffix(v, "ss"):
		v = v[:len(v)-1]
	}
	if utf8.RuneCountInString(v) > 3 && strings.HasSuffix(v, "e") {
		v = v[:len(v)-1]
	}
	if l := len(v); utf8.RuneCountInString(v) > 3 && l >= 2 && v[l-1] == v[l-2] && strings.IndexByte("bdfgklmnprtvz", v[l-1]) >= 0 {
		v = v[:l-1]
	}
	return v
}

func hasAnySuffix(s string, sufs ...string) bool {
	for _, suf := range sufs {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// The summary graph: counts across all articles, kept by kg after each build (see
// graph/summary.go). Summary is its subject and its label; Top holds the most connected
// entities as JSON.
const (
	Summary = Prefix + "summary"
	Top     = Prefix + "top"
)
