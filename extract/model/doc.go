// Package model is kg's learned linguistic core: a part-of-speech tagger, a dependency
// parser with Universal Dependencies v2 labels and a named-entity recogniser for people,
// organisations, places and events.
//
// All three are linear models over hashed features, trained by kg's own code (the train
// command beside this package) as averaged perceptrons:
//
//   - the tagger reads a sentence left to right and gives each word one of the 17 UPOS tags;
//   - the parser is a greedy arc-hybrid transition parser trained with a dynamic oracle,
//     with a second linear model that labels each arc as it is made;
//   - the recogniser gives each word a BILOU tag over PER, ORG, LOC and EVENT, reading the
//     tags, the words around, kg's gazetteers and what the article said earlier.
//
// The weights are embedded in the binary and decoded once per process (Default). Nothing
// is downloaded at run time. DATA.md names the corpora they were trained from, with their
// licences and attributions; `go run ./extract/model/train` regenerates them byte for byte.
//
// The models work on words in the tokenisation of Universal Dependencies ("do" "n't",
// "well" "-" "known"); Words turns kg's tokens into such words and back.
package model
