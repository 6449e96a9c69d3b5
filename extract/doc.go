// Package extract turns the text of a news article into facts: the people, organisations,
// places and events it names, the relations it states between them, the roles people hold
// and the quotations it attributes.
//
// Data flows one way through an ordered list of stages, each reading what the previous
// ones added to a Document:
//
//	text -> paragraphs, tokens, sentences (segment) -> page junk marked (junk)
//	     -> mentions (mentions) -> entities (resolve) -> events (events)
//	     -> pronouns and descriptions resolved (coref) -> quotations (quotes)
//	     -> relations (relations)
//
// Every fact keeps byte offsets into the text, so it can always point at the sentence it
// came from. Quads() turns a finished Document into the quads the store keeps; extract
// never imports the store.
//
// Relations are read by named patterns over the dependency parse (patterns/relations.txt,
// see patterns.go) beside the older word-order passes (named order:*); every statement
// records the rules that made it, and a plan or a possibility its modality.
//
// The rules are general: they read titles, honorifics, organisation and place head words,
// gazetteers built from public data, capitalisation evidence across the article, verb
// lexicons and clause structure. No person, organisation or place of any particular
// article is written into the code or its lexicons.
package extract
