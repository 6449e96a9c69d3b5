package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph/voc"
)

// TestExtractIsRDF checks that kg extract writes N-Quads that an RDF tool reads: every IRI
// absolute, relation verbs included.
func TestExtractIsRDF(t *testing.T) {
	rapper, err := exec.LookPath("rapper")
	if err != nil {
		if os.Getenv("KG_REQUIRE_TOOLS") != "" {
			t.Fatal("this test reads kg extract's output with rapper: install it with `apt-get install raptor2-utils`")
		}
		t.Skip("rapper is not installed: apt-get install raptor2-utils")
	}
	var out, errb bytes.Buffer
	if err := runExtract(context.Background(), []string{"../../data"}, extract.DefaultMaxBytes, nil, &out, &errb); err != nil {
		t.Fatalf("kg extract: %v\n%s", err, errb.String())
	}
	p := filepath.Join(t.TempDir(), "data.nq")
	os.WriteFile(p, out.Bytes(), 0o644)
	res, err := exec.Command(rapper, "-i", "nquads", "-c", p).CombinedOutput()
	if err != nil || !strings.Contains(string(res), "returned") {
		t.Fatalf("rapper: %v\n%s", err, res)
	}
	if !strings.Contains(out.String(), "> <"+voc.RelationNS+"met> <") {
		t.Errorf("no absolute relation IRI in:\n%.500s", out.String())
	}
}

// TestExtractSameFileNames extracts two different articles with one file name: each is
// printed under an id of its own, and kg extract says so.
func TestExtractSameFileNames(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.MkdirAll(filepath.Join(dir, "b"), 0o755)
	writeFile(t, filepath.Join(dir, "a"), "x.txt", []byte("Acme Corp hired Jane Roe on Monday.\n"))
	writeFile(t, filepath.Join(dir, "b"), "x.txt", []byte("Globex fired Tom Hale on Friday.\n"))
	var out, errb bytes.Buffer
	if err := runExtract(context.Background(), []string{dir}, extract.DefaultMaxBytes, nil, &out, &errb); err != nil {
		t.Fatalf("kg extract: %v\n%s", err, errb.String())
	}
	got := readNQuads(t, out.Bytes())
	if len(got) != 2 {
		t.Errorf("%d articles printed, want 2", len(got))
	}
	if !strings.Contains(errb.String(), "is printed as article x_") {
		t.Errorf("kg extract did not say it gave the second x its own id:\n%s", errb.String())
	}
}
