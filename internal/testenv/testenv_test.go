package testenv

import (
	"os"
	"strings"
	"testing"
)

// fakeTB records what a helper did instead of ending the test.
type fakeTB struct{ skipped, failed string }

func (f *fakeTB) Helper()             {}
func (f *fakeTB) Skip(a ...any)       { f.skipped = a[0].(string) }
func (f *fakeTB) Fatal(a ...any)      { f.failed = a[0].(string) }
func (f *fakeTB) Cleanup(func())      {}
func (f *fakeTB) Logf(string, ...any) {}

func TestMissingToolSkipsOrFails(t *testing.T) {
	absent := Tool{What: "a program nobody has", Names: []string{"kg-no-such-program"}, Debian: "kg-no-such-package", Brew: "kg-none"}
	for _, c := range []struct {
		env      string
		wantFail bool
	}{{"", false}, {"0", false}, {"1", true}} {
		t.Run("KG_REQUIRE_TOOLS="+c.env, func(t *testing.T) {
			t.Setenv(RequireEnv, c.env)
			var f fakeTB
			if p := NeedsTool(&f, absent); p != "" {
				t.Fatalf("found %q", p)
			}
			msg := f.skipped
			if c.wantFail {
				msg = f.failed
			}
			if (f.failed != "") != c.wantFail || (f.skipped != "") == c.wantFail {
				t.Fatalf("skipped %q, failed %q; want a failure: %v", f.skipped, f.failed, c.wantFail)
			}
			if !strings.Contains(msg, "sudo apt-get install kg-no-such-package") || !strings.Contains(msg, "brew install kg-none") {
				t.Errorf("the message does not say how to install it: %s", msg)
			}
		})
	}
}

func TestToolFromItsVariable(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	t.Setenv("KG_TESTENV_TOOL", exe)
	var f fakeTB
	if p := NeedsTool(&f, Tool{What: "this test", Names: []string{"kg-no-such-program"}, Env: "KG_TESTENV_TOOL", Debian: "none"}); p != exe {
		t.Errorf("found %q, want %q (skipped: %q)", p, exe, f.skipped)
	}
}
