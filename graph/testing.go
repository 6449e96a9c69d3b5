package graph

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
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
	db, err := sql.Open("postgres", base)
	if err != nil {
		tb.Fatal(err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "kgtest_" + hex.EncodeToString(b[:])
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		db.Close()
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
