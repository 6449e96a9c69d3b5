package model

// Notice is the licence and attribution notice each weight file carries: the weights are
// derived from these corpora (DATA.md gives the details).
const Notice = `kg's tagger, parser and recogniser weights. Trained by kg (github.com/kg-news/kg,
extract/model/train) from:
- Universal Dependencies English Web Treebank (UD_English-EWT) r2.16, CC BY-SA 4.0.
- GUM corpus (github.com/amir-zeldes/gum), academic, bio, court, interview, news and voyage
  documents only: annotations CC BY 4.0 (the GUM annotators, https://gucorpling.org/gum/);
  texts Wikinews CC BY 2.5, Wikipedia and Wikivoyage CC BY-SA 3.0, academic and court CC BY 4.0.
- Universal NER English EWT (UNER_English-EWT), CC BY-SA 4.0.
- WikiGold (Balasuriya et al. 2009), CC BY 4.0.
- CrossNER politics (Liu et al. 2021), MIT; text from Wikipedia, CC BY-SA.
These weights are an adaptation of that material and are shared under CC BY-SA 4.0.
See extract/model/DATA.md.`
