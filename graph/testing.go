package graph

import (
	"context"
	"fmt"
	"os"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

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

// MustDumpBolt returns every key and value of the bolt file at path, bucket by bucket in
// key order, with the times Cayley stamps on its log zeroed, so that two stores can be
// compared byte for byte.
func MustDumpBolt(tb TB, path string) []string {
	tb.Helper()
	db, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var out []string
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if string(name) == "log" {
					var p cproto.Primitive
					if err := proto.Unmarshal(v, &p); err != nil {
						return fmt.Errorf("log entry %x: %w", k, err)
					}
					p.Timestamp = 0
					b, err := proto.MarshalOptions{Deterministic: true}.Marshal(&p)
					if err != nil {
						return err
					}
					v = b
				}
				out = append(out, fmt.Sprintf("%q %x %x", name, k, v))
				return nil
			})
		})
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// MustDumpPostgres is DumpPostgres for tests.
func MustDumpPostgres(tb TB, url string) []string {
	tb.Helper()
	out, err := DumpPostgres(context.Background(), url)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}
