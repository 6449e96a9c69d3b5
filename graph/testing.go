package graph

import (
	"context"
	"os"
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
// KG_TEST_POSTGRES, dropped when the test ends. Without the variable the test is skipped.
func PostgresTestURL(tb TB) string {
	tb.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		tb.Skip(PostgresEnv + " is not set: no PostgreSQL to test against (.ci/run starts one)")
	}
	u, drop, err := PostgresScratch(context.Background(), base)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(drop)
	return u
}
