package ingest

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Kind is a kind of input kg reads.
type Kind uint8

// Kinds of input.
const (
	Unknown Kind = iota // not an article: code, configuration, binaries, other documents
	Text                // plain text: the first line is the headline
	HTML                // a web page
	JSON                // scraper output: JSON Lines or an array of articles
	WARC                // a web archive: each HTML response is an article
	Feed                // an RSS or Atom feed: each item with its full text is an article
	Page                // a page to fetch: a feed item that has only a link
)

func (k Kind) String() string {
	return [...]string{"unknown", "text", "HTML", "JSON", "WARC", "feed", "link"}[k]
}

// Reads is the sentence that says what kg reads, for a file it refuses.
const Reads = "kg reads plain text (.txt, .md, text files without an extension), HTML pages (.html, .htm), " +
	"scraped articles as JSON Lines or JSON (.jsonl, .json), web archives (.warc), and RSS or Atom feeds (.rss, .atom, .xml), each also gzipped (.gz)"

// ErrNotArticle is the error of a file named on the command line that is none of the kinds
// kg reads.
var ErrNotArticle = errors.New("not an article")

// extKinds are the kinds file extensions say; ".gz" is stripped first.
var extKinds = map[string]Kind{
	".txt": Text, ".text": Text, ".md": Text, ".markdown": Text,
	".html": HTML, ".htm": HTML, ".xhtml": HTML, ".shtml": HTML,
	".jsonl": JSON, ".ndjson": JSON, ".json": JSON,
	".warc": WARC,
	".rss":  Feed, ".atom": Feed, ".xml": Feed,
}

// notArticleNames are files found in a folder that are about the folder, not news.
var notArticleNames = map[string]bool{
	"readme": true, "license": true, "licence": true, "copying": true, "changelog": true, "changes": true,
	"authors": true, "contributing": true, "notice": true, "makefile": true, "dockerfile": true,
	"todo": true, "history": true, "install": true, "security": true, "code_of_conduct": true,
}

// baseExt returns the name of a path without ".gz", its extension in lower case, and
// whether it is gzipped.
func baseExt(p string) (name, ext string, gz bool) {
	name = filepath.Base(p)
	if strings.EqualFold(filepath.Ext(name), ".gz") {
		name, gz = name[:len(name)-3], true
	}
	return name, strings.ToLower(filepath.Ext(name)), gz
}

// kindOfName is the kind a file's name says, and whether it says one: Unknown with true
// for an extension of another kind (".go", ".yaml"), false for a name without one.
func kindOfName(p string) (Kind, bool) {
	name, ext, _ := baseExt(p)
	if ext == "" || strings.HasPrefix(name, ".") && strings.Count(name, ".") == 1 {
		return Unknown, false
	}
	k, ok := extKinds[ext]
	if !ok {
		return Unknown, true
	}
	return k, true
}

// inFolder reports whether a file found while walking a folder is taken as an input:
// one whose extension is a kind kg reads, or one without an extension (its content is
// judged when it is read), except the files that describe a project (README, LICENSE).
func inFolder(p string) bool {
	name, _, _ := baseExt(p)
	stem := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
	if notArticleNames[stem] || strings.HasPrefix(name, ".") {
		return false
	}
	k, named := kindOfName(p)
	return k != Unknown || !named
}

// sniff tells the kind of content from its first bytes: the kinds that mark themselves
// (WARC, feeds, HTML, JSON), else Text for prose and Unknown for the rest.
func sniff(head []byte) Kind {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	switch {
	case bytes.HasPrefix(h, []byte("WARC/")):
		return WARC
	case len(h) > 0 && (h[0] == '{' || h[0] == '['):
		return JSON
	case len(h) > 0 && h[0] == '<':
		low := bytes.ToLower(h[:min(len(h), 2048)])
		switch {
		case bytes.Contains(low, []byte("<rss")) || bytes.Contains(low, []byte("<feed")) || bytes.Contains(low, []byte("<rdf:rdf")):
			return Feed
		case bytes.Contains(low, []byte("<html")) || bytes.HasPrefix(low, []byte("<!doctype html")) ||
			bytes.Contains(low, []byte("<body")) || bytes.Contains(low, []byte("<article")) || bytes.Contains(low, []byte("<p>")):
			return HTML
		}
		return Unknown
	}
	return Text
}

// notProse says why text is not an article but code, configuration, a program's
// documentation or data, or "" when it reads as prose. It judges files whose name does
// not vouch for them (.md, no extension); a .txt file is taken as text.
func notProse(text []byte) string {
	if len(text) > 64<<10 {
		text = text[:64<<10]
	}
	if !utf8.Valid(bytes.ToValidUTF8(text, nil)) || bytes.IndexByte(text, 0) >= 0 {
		return "a binary file"
	}
	if bytes.HasPrefix(text, []byte("#!")) {
		return "a script"
	}
	lines := bytes.Split(text, []byte("\n"))
	var nonEmpty, fenced, keyValue, codeLines, sentences int
	for _, l := range lines {
		t := bytes.TrimSpace(l)
		if len(t) == 0 {
			continue
		}
		nonEmpty++
		if bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			fenced++
		}
		if isKeyValue(t) {
			keyValue++
		}
		if looksLikeCode(t) {
			codeLines++
		}
		if n := len(bytes.Fields(t)); n >= 6 && bytes.ContainsAny(t[len(t)-1:], ".!?\"”’") {
			sentences++
		}
	}
	if nonEmpty == 0 {
		return "" // empty: extraction says so
	}
	symbols := 0
	letters := 0
	for _, c := range text {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			letters++
		case bytes.IndexByte([]byte("{}[]()<>;=|\\$#_/:*`~^"), c) >= 0:
			symbols++
		}
	}
	switch {
	case fenced >= 2:
		return "documentation with code blocks"
	case codeLines*4 >= nonEmpty && codeLines >= 2:
		return "source code"
	case keyValue*2 > nonEmpty && keyValue >= 2:
		return "a configuration or data file"
	case letters > 0 && symbols*100 > letters*8 && sentences*4 < nonEmpty:
		return "data or code, not prose"
	}
	return ""
}

// isKeyValue reports whether a line reads "key = value", "key: value" or "a:b:c:d".
func isKeyValue(l []byte) bool {
	if bytes.Count(l, []byte(":")) >= 3 && !bytes.Contains(l, []byte(" ")) {
		return true // /etc/passwd, PATH-like lists
	}
	i := bytes.IndexAny(l, "=:")
	if i <= 0 || i > 40 {
		return false
	}
	key := bytes.TrimSpace(l[:i])
	for _, c := range key {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '[' || c == ']') {
			return false
		}
	}
	return true
}

// looksLikeCode reports whether a line reads as a line of a program.
func looksLikeCode(l []byte) bool {
	for _, p := range []string{"func ", "package ", "import ", "#include", "def ", "class ", "return ", "var ", "const ", "let ", "fn ", "}", "{", "//", "/*", "$ ", "<?php", "#!/", "public ", "private "} {
		if bytes.HasPrefix(l, []byte(p)) {
			return true
		}
	}
	last := l[len(l)-1]
	return last == ';' || last == '{' || last == '}' || last == ')' && bytes.Contains(l, []byte("("))
}
