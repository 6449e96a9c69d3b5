package main

import (
	"io"
	"os"
	"sort"
	"strings"

	pretty "github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/mattn/go-runewidth"
	"golang.org/x/term"
)

// table prints rows as aligned columns under upper-case headers (go-pretty). On a
// terminal the table fits its width: long text columns (evidence, quotations,
// descriptions) wrap, the others are cut with an ellipsis; a lone record with many fields
// is printed as one field a line. Piped, every cell is printed whole.
type table struct {
	w      io.Writer
	width  int // 0: no limit
	header []string
	rows   [][]string
}

// sep is what stands between two columns.
const sep = "  "

// minColumn is the narrowest a column is cut to.
const minColumn = 6

// wrapColumns are the columns whose text wraps rather than being cut.
var wrapColumns = map[string]bool{"EVIDENCE": true, "TEXT": true, "QUOTATION": true, "DESCRIPTION": true, "SENTENCE": true}

// widther is a writer that knows how wide it is: tests give tables a width this way.
type widther interface{ Width() int }

// fixedWidth is a writer of a given width, for tests and golden files.
type fixedWidth struct {
	io.Writer
	width int
}

func (f fixedWidth) Width() int { return f.width }

// outputWidth is the width of the terminal w writes to, or 0 when w is no terminal.
func outputWidth(w io.Writer) int {
	if x, ok := w.(widther); ok {
		return x.Width()
	}
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	if n, _, err := term.GetSize(int(f.Fd())); err == nil && n > 0 {
		return n
	}
	return 80
}

func newTable(w io.Writer, header ...string) *table {
	h := make([]string, len(header))
	for i, c := range header {
		h[i] = strings.ToUpper(c)
	}
	return &table{w: w, width: outputWidth(w), header: h}
}

func (t *table) row(cols ...string) {
	r := make([]string, len(cols))
	for i, c := range cols {
		r[i] = strings.Join(strings.Fields(c), " ")
	}
	t.rows = append(t.rows, r)
}

func (t *table) flush() error {
	if t.width > 0 && len(t.rows) == 1 && len(t.header) > 3 {
		return t.record()
	}
	tw := pretty.NewWriter()
	tw.SetStyle(plainStyle())
	if len(t.header) > 0 {
		tw.AppendHeader(toRow(t.header))
	}
	for _, r := range t.rows {
		tw.AppendRow(toRow(r))
	}
	if t.width > 0 {
		var cfg []pretty.ColumnConfig
		for i, w := range t.fit() {
			enforce := cut
			if i < len(t.header) && wrapColumns[t.header[i]] {
				enforce = text.WrapSoft
			}
			cfg = append(cfg, pretty.ColumnConfig{Number: i + 1, WidthMax: w, WidthMaxEnforcer: enforce})
		}
		tw.SetColumnConfigs(cfg)
	}
	return t.write(tw.Render())
}

// record prints a single row as one "FIELD  value" line per column, values wrapped to the
// terminal's width.
func (t *table) record() error {
	key := 0
	for _, h := range t.header {
		key = max(key, runewidth.StringWidth(h))
	}
	tw := pretty.NewWriter()
	tw.SetStyle(plainStyle())
	for i, h := range t.header {
		if i < len(t.rows[0]) && t.rows[0][i] != "" {
			tw.AppendRow(pretty.Row{h, t.rows[0][i]})
		}
	}
	tw.SetColumnConfigs([]pretty.ColumnConfig{{Number: 2, WidthMax: max(minColumn, t.width-key-len(sep)), WidthMaxEnforcer: text.WrapSoft}})
	return t.write(tw.Render())
}

func (t *table) write(s string) error {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		b.WriteString(strings.TrimRight(line, " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(t.w, b.String())
	return err
}

// fit gives each column a width so that the row fits the terminal: the narrow columns
// keep their natural width and the wide ones share what is left evenly.
func (t *table) fit() []int {
	n := len(t.header)
	for _, r := range t.rows {
		n = max(n, len(r))
	}
	natural := make([]int, n)
	measure := func(r []string) {
		for i, c := range r {
			natural[i] = max(natural[i], runewidth.StringWidth(c))
		}
	}
	measure(t.header)
	for _, r := range t.rows {
		measure(r)
	}
	avail := t.width - len(sep)*(n-1)
	total := 0
	for _, w := range natural {
		total += w
	}
	out := make([]int, n)
	if total <= avail {
		copy(out, natural)
		return out
	}
	// the text columns that wrap keep a good part of the line, so that they read as
	// sentences rather than a word a line; the others share the rest
	wrap := map[int]bool{}
	for i, h := range t.header {
		if wrapColumns[h] {
			wrap[i] = true
		}
	}
	reserved := 0
	if len(wrap) > 0 {
		each := max(20, avail/4/len(wrap))
		for i := range wrap {
			out[i] = min(natural[i], each)
			reserved += out[i]
		}
	}
	var rest []int
	for i := 0; i < n; i++ {
		if !wrap[i] {
			rest = append(rest, i)
		}
	}
	left := shareFairly(natural, rest, avail-reserved, out)
	for i := range wrap { // what the others did not need
		more := min(left, natural[i]-out[i])
		out[i] += more
		left -= more
	}
	return out
}

// shareFairly gives the columns cols widths out of avail by max-min fairness: the
// narrowest first, each taking its natural width or an even share of what is left, at
// least minColumn. It returns what is left over.
func shareFairly(natural, cols []int, avail int, out []int) int {
	order := append([]int(nil), cols...)
	sort.SliceStable(order, func(a, b int) bool { return natural[order[a]] < natural[order[b]] })
	left := avail
	for k, i := range order {
		share := left / (len(order) - k)
		out[i] = max(minColumn, min(natural[i], share))
		left -= out[i]
	}
	return max(0, left)
}

// cut shortens a cell to maxLen columns, ending it with an ellipsis.
func cut(s string, maxLen int) string {
	if runewidth.StringWidth(s) <= maxLen {
		return s
	}
	return runewidth.Truncate(s, maxLen, "…")
}

func toRow(cols []string) pretty.Row {
	r := make(pretty.Row, len(cols))
	for i, c := range cols {
		r[i] = c
	}
	return r
}

// plainStyle draws no borders: columns two spaces apart, headers in upper case.
func plainStyle() pretty.Style {
	s := pretty.StyleDefault
	s.Name = "kg"
	s.Box.PaddingLeft = ""
	s.Box.PaddingRight = ""
	s.Box.MiddleSeparator = sep
	s.Box.MiddleVertical = sep
	s.Box.Left, s.Box.Right = "", ""
	s.Options = pretty.Options{SeparateColumns: true}
	s.Format.Header = text.FormatUpper
	return s
}
