// Package extract turns the text of a news article into facts: the people, organisations,
// places and events it names, the relations it states between them, the roles people hold
// and the quotations it attributes.
//
// Data flows one way through an ordered list of stages, each reading what the previous
// ones added to a Document:
//
//	text -> paragraphs, tokens, sentences (segment) -> page junk marked (junk)
//	     -> mentions (mentions) -> entities (resolve) -> events (events)
//	     -> quotations (quotes) -> relations (relations)
//
// Every fact keeps byte offsets into the text, so it can always point at the sentence it
// came from. Quads() turns a finished Document into the quads the store keeps; extract
// never imports the store.
//
// The rules are general: they read titles, honorifics, organisation and place head words,
// gazetteers built from public data, capitalisation evidence across the article, verb
// lexicons and clause structure. No person, organisation or place of any particular
// article is written into the code or its lexicons.
package extract
