package extract

import (
	"strings"
	"time"

	"github.com/kg-news/kg/extract/lexicon"
	"github.com/kg-news/kg/extract/model"
)

// Span is a half-open range of byte offsets into a Document's text.
type Span struct {
	Start, End int
}

// Text returns the part of src the span covers.
func (s Span) Text(src string) string { return src[s.Start:s.End] }

// Len is the length of the span in bytes.
func (s Span) Len() int { return s.End - s.Start }

// TokenKind tells what a token is.
type TokenKind uint8

// Kinds of token.
const (
	Word   TokenKind = iota // letters, with inner hyphens, apostrophes or abbreviation dots
	Number                  // digits, with inner separators
	Punct                   // any other single mark
	Quote                   // a quotation mark
	Poss                    // a possessive ending: 's, ’s or a lone apostrophe after s
)

// TokenFlag holds facts about a token.
type TokenFlag uint16

// Token flags.
const (
	Cap         TokenFlag = 1 << iota // starts with an upper-case letter
	AllCaps                           // two or more letters, all upper case ("NATO", "U.S.")
	Abbrev                            // ends with an abbreviation dot ("Mr.", "U.S.")
	Open                              // an opening quotation mark
	Close                             // a closing quotation mark
	Single                            // a single quotation mark
	Hyphen                            // a word with an inner hyphen
	Initial                           // the first word of its sentence
	SpaceBefore                       // preceded by white space or the start of its paragraph
)

// Token is one word, number or mark.
type Token struct {
	Span
	Kind  TokenKind
	Flags TokenFlag
	Lower string // lower-case form of a word or number
	Word  int    // index into Document.Words of the token's first word (see TokenWord)
}

// Has reports whether all of f are set.
func (t *Token) Has(f TokenFlag) bool { return t.Flags&f == f }

// SentenceKind tells how a sentence is used.
type SentenceKind uint8

// Kinds of sentence.
const (
	Body    SentenceKind = iota // running text
	Title                       // the article's headline
	Heading                     // a line with no closing punctuation: subheading, caption fragment
	Junk                        // page furniture: navigation, credits, comments, other languages
)

// Sentence is a run of tokens ending at a sentence boundary or the end of a paragraph.
// Its embedded Span is in bytes; First and End (which shadows Span.End) index tokens.
type Sentence struct {
	Span
	First, End int // token range
	Para       int
	Kind       SentenceKind
	TitleCase  bool // most words capitalised, so capitals say little
	// FirstWord and EndWord are the sentence's range of Document.Words.
	FirstWord, EndWord int
}

// Paragraph is one non-empty line of the article. Its embedded Span is in bytes; First
// and End (which shadows Span.End) index tokens.
type Paragraph struct {
	Span
	First, End int // token range
	Junk       string
}

// Type is the type of an entity.
type Type string

// Entity types.
const (
	Person       Type = "Person"
	Organization Type = "Organization"
	Place        Type = "Place"
	Event        Type = "Event"
)

// MentionKind tells how a mention refers to its entity.
type MentionKind uint8

// Kinds of mention.
const (
	NameMention    MentionKind = iota // a proper name, perhaps after a title
	NominalMention                    // a role without a name: "the Russian president"
	EventMention                      // an occurrence: "the summit", "Friday's talks"
)

// Mention is one place in the text that refers to an entity.
type Mention struct {
	Span             // the name ("Maria Ruiz"), nominal or event phrase
	Full        Span // with its title ("Secretary of State Maria Ruiz")
	First, End  int  // token range of Full
	Sentence    int  // index into Document.Sentences
	Kind        MentionKind
	Type        Type   // best guess of the entity type, "" when unknown
	Strength    int    // how sure the type is: higher wins when mentions disagree
	Role        string // title given with the name, "" if none
	RoleHead    string // head of that title ("president")
	Nationality string // country named by the title ("Russia" for "Russian President")
	RoleOrg     int    // mention index of an organisation named in the title, -1 if none
	Former      bool   // the title is a former one
	Possessive  bool   // followed by 's
	Canonical   string // gazetteer or computed name, "" to derive from the text
	Source      Source // what found the name: the rules, the learned recogniser, or both
	Entity      int    // index into Document.Entities, -1 until resolved
}

// Role is a position a person holds, as an article states it.
type Role struct {
	Title    string
	Org      int // entity index of the organisation, -1 if none
	Sentence int
}

// Entity is one real person, organisation, place or event of the article.
type Entity struct {
	Name     string
	Type     Type
	Aliases  []string // every surface form, the name included
	Names    []string // the surface forms that are names (no titles-only or event phrases)
	Strength int      // how sure the type is, as Mention.Strength
	Mentions []int
	Roles    []Role
	Gender   byte // 'm', 'f' or 0, as a form of address or a gendered noun says
	// NameGender is 'm' or 'f' when the first name is given to one gender only: weaker
	// evidence than Gender, which a man named Celestine shows.
	NameGender byte
}

// Qualifier adds a prepositional detail to a relation ("to Vienna").
type Qualifier struct {
	Prep   string
	Entity int // entity index
}

// Relation is a fact between two entities.
type Relation struct {
	Subject, Object int // entity indices
	Predicate       string
	Symmetric       bool
	Qualifiers      []Qualifier
	Sentence        int
	// Rules names the patterns and passes that stated the relation, the first one first
	// ("verb-obj", "order:verb-lexicon"); every statement says which rule made it.
	Rules []string
	// Modality is "" for a plain fact, else what keeps it from being one: "planned"
	// ("plans to meet"), "possible" ("could meet"), "conditional" ("if they meet"). Canned
	// questions leave such statements out unless asked for them.
	Modality string
}

// Modalities of a relation that is not stated as a plain fact.
const (
	ModalPlanned     = "planned"     // a plan, an intention, a promise, something due: "plans to buy", "will meet"
	ModalPossible    = "possible"    // "could meet", "may sue"
	ModalConditional = "conditional" // "if Acme buys Bolt"
)

// Quotation is a direct quotation attributed to a speaker.
type Quotation struct {
	Span            // the quoted words, without the marks
	Speaker  int    // entity index
	Sentence int    // sentence of the attribution
	Rule     string // the sieve that found the speaker ("speech-verb", "order:cue-after")
}

// Meta is what the source of an article says about it besides its text: a page's
// metadata, a scraper's fields, a feed item or a WARC record. Every field may be empty.
type Meta struct {
	Published time.Time // when the article was published; zero when unknown
	URL       string    // its canonical address
	Publisher string    // the site or outlet ("BBC News", "example.com")
	Authors   []string
	Language  string // as the source gives it ("en", "en-GB")
	GUID      string // a feed item's identifier, when it has one
}

// IsZero reports whether m says nothing.
func (m Meta) IsZero() bool {
	return m.Published.IsZero() && m.URL == "" && m.Publisher == "" && len(m.Authors) == 0 && m.Language == "" && m.GUID == ""
}

// Document is an article and everything extracted from it.
type Document struct {
	ID     string // file stem, e.g. "000_732b06bd5a6ac68c"
	Path   string
	Title  string
	SHA256 string
	Text   string
	Meta   Meta

	// Dates are the dates the text states ("on Friday", "last March"), resolved against
	// Meta.Published where the text allows (see dates.go).
	Dates []StatedDate

	Paragraphs []Paragraph
	Tokens     []Token
	Sentences  []Sentence
	Words      []ParseWord // the models' words, with tags and the dependency parse
	Names      []Name      // the names the learned recogniser found
	Mentions   []Mention
	Dropped    []Mention // names the rules proposed and the recogniser vetoed
	Entities   []Entity
	Relations  []Relation
	Quotes     []Quotation
	Refs       []Ref // pronouns and descriptions resolved to entities, in word order (see coref.go)

	analysis *analysis      // clause index shared by the quotes and relations stages
	graphs   []*depGraph    // dependency graph of each sentence, built on first use
	read     *model.Article // the models' reading, kept while the document is extracted
	parsed   []bool         // the sentences Parse has parsed
}

// graph returns the dependency graph of sentence si, nil when it was not parsed.
func (d *Document) graph(lx *lexicon.Lexicon, si int) *depGraph {
	if d.graphs == nil {
		d.graphs = make([]*depGraph, len(d.Sentences))
		for i := range d.graphs {
			d.graphs[i] = noGraph
		}
	}
	if d.graphs[si] == noGraph {
		d.Parse(si)
		d.graphs[si] = newDepGraph(d, lx, si)
	}
	return d.graphs[si]
}

// noGraph marks a sentence whose graph is not built yet.
var noGraph = &depGraph{}

// TokenText returns the text of token i.
func (d *Document) TokenText(i int) string { return d.Tokens[i].Text(d.Text) }

// SentenceText returns the text of sentence i with runs of white space collapsed.
func (d *Document) SentenceText(i int) string {
	return strings.Join(strings.Fields(d.Sentences[i].Text(d.Text)), " ")
}
