package graph

import (
	"context"
	"os"

	"github.com/kg-news/kg/internal/testenv"
)

// TB is the part of testing.TB the helpers below use.
type TB interface {
	Helper()
	Fatal(...any)
	Skip(...any)
	Cleanup(func())
}

// MustOpenMemory opens an in-memory store for tests.
func MustOpenMemory(tb TB) *Store {
	tb.Helper()
	s, err := Open(context.Background(), Config{Backend: Memory})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// PostgresEnv names the variable that gives tests a PostgreSQL database to use, as a
// postgres:// URL; .ci/run sets it after starting a local server.
const PostgresEnv = "KG_TEST_POSTGRES"

// PostgresTestURL returns a URL for a schema of its own in the database named by
// KG_TEST_POSTGRES, dropped when the test ends. Without the variable the test is skipped,
// or fails under KG_REQUIRE_TOOLS=1 (testenv.Missing).
func PostgresTestURL(tb TB) string {
	tb.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		testenv.Missing(tb, "this test needs a PostgreSQL server and "+PostgresEnv+" is not set: install one with "+
			"`sudo apt-get install postgresql`, start it with .ci/postgres, and set "+
			PostgresEnv+"=postgres://kg:kg@127.0.0.1:5432/kg?sslmode=disable")
		return ""
	}
	u, drop, err := PostgresScratch(context.Background(), base)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(drop)
	return u
}
