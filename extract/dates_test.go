package extract

import (
	"testing"
	"time"
)

// TestDates reads the date each invented sentence states, against an article published
// on Wednesday 13 August 2025 (or with no date at all).
func TestDates(t *testing.T) {
	pub := time.Date(2025, 8, 13, 0, 0, 0, 0, time.UTC) // a Wednesday
	cases := []struct {
		sentence string
		noDate   bool // the article has no date
		want     string
		words    string // what states it
	}{
		{sentence: "Mayor Ines Calder opened the bridge on Friday.", want: "2025-08-08", words: "Friday"},
		{sentence: "Mayor Ines Calder will open the bridge on Friday.", want: "2025-08-15", words: "Friday"},
		{sentence: "The council met on Wednesday.", want: "2025-08-13", words: "Wednesday"},
		{sentence: "The council met last Wednesday.", want: "2025-08-06", words: "last Wednesday"},
		{sentence: "The council meets next Monday.", want: "2025-08-18", words: "next Monday"},
		{sentence: "Acme Corp hired Jane Roe last March.", want: "2025-03", words: "last March"},
		{sentence: "Acme Corp will list its shares next March.", want: "2026-03", words: "next March"},
		{sentence: "Acme Corp hired Jane Roe in September.", want: "2024-09", words: "September"},
		{sentence: "Acme Corp will close the plant in September.", want: "2025-09", words: "September"},
		{sentence: "The talks began on 5 May 2024 in Geneva.", want: "2024-05-05", words: "5 May 2024"},
		{sentence: "The talks began on May 5, 2024, in Geneva.", want: "2024-05-05", words: "May 5, 2024"},
		{sentence: "The talks began on the 3rd of June.", want: "2025-06-03", words: "3rd of June"},
		{sentence: "Jane Roe left the firm in 2019.", want: "2019", words: "2019"},
		{sentence: "Jane Roe left the firm in 2019.", noDate: true, want: "2019", words: "2019"},
		{sentence: "The talks began on 5 May 2024.", noDate: true, want: "2024-05-05", words: "5 May 2024"},
		{sentence: "Mayor Ines Calder opened the bridge on Friday.", noDate: true},
		{sentence: "Prices rose sharply last year, the bank said.", want: "2024", words: "last year"},
		{sentence: "Acme Corp expects a profit this year.", want: "2025", words: "this year"},
		{sentence: "Sales fell last month.", want: "2025-07", words: "last month"},
		{sentence: "Jane Roe resigned yesterday.", want: "2025-08-12", words: "yesterday"},
		{sentence: "The filing is dated 2025-07-30.", want: "2025-07-30", words: "2025-07-30"},
		{sentence: "The board met on Tuesday 5 August 2025.", want: "2025-08-05", words: "Tuesday 5 August 2025"},
		// words that only look like dates
		{sentence: "Jane Roe may resign, Tom Lund said."},
		{sentence: "Thousands march through the capital."},
		{sentence: "The firm employs 2019 people in Leeds."},
		{sentence: "He paid £2025 for the painting."},
		{sentence: "Jan Novak chairs the board."},
	}
	x := New()
	for _, c := range cases {
		meta := Meta{Published: pub}
		if c.noDate {
			meta = Meta{}
		}
		d, err := x.ExtractMeta("t", "t.txt", []byte("Council News\n\n"+c.sentence+"\n"), meta)
		if err != nil {
			t.Fatal(err)
		}
		got, words := "", ""
		if len(d.Dates) > 0 {
			got, words = d.Dates[0].Value, d.Dates[0].Text(d.Text)
		}
		if got != c.want || words != c.words {
			t.Errorf("%q (no date %v): got %q from %q, want %q from %q", c.sentence, c.noDate, got, words, c.want, c.words)
		}
	}
}
