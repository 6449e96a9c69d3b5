// Package link is the cross-article linking stage: it decides, for each entity of an
// article, which node of the graph it is, and says why.
//
// It sits between extraction and the store. Prepare reads one extracted article and
// gives the store the article's quads with every entity on its node; Settle, after a
// build or a removal, decides again the entities whose node depends on other articles.
//
// Decisions never depend on the order articles arrive in, on batches, on interruptions or
// on removals and re-additions: the graph is a function of the set of articles.
//
//   - An entity named in full is an anchor: its node is made from its name alone (an
//     identity key: a person's given name, in its full form, and surname; an
//     organisation's name without corporate suffix, or the canonical name of its known
//     variant set; a place's gazetteer name), with its type. No lookup is needed, so no
//     earlier article can change it.
//   - An entity named only in part (a bare surname, "Mr Roe", an acronym the article
//     does not expand) is a dependent: it is first written on a node of its own, with a
//     link record that holds its link key ("p:roe") and its evidence. Settle decides each
//     dependent of a key from the store as it is after the build, over the anchors of that
//     key: a full name with that surname and a compatible given name, gender and role, and
//     articles that share its context. The decision reads only anchors, never other
//     dependents, so it is a function of the set of articles; Settle runs over every key
//     an added, replaced or removed article names, and over every key after a build that
//     was stopped (the store keeps a mark until the keys are settled).
//
// Names link articles; references (role nouns, descriptions, pronouns) never do: they are
// written as references of the article they occur in. Types never fuse: the type is part
// of a node's identity.
package link
