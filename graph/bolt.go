package graph

import (
	"errors"
	"fmt"
	"os"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
)

// boltBackend is the name of kg's bolt backend. Cayley's own bolt backends open the file
// with no lock timeout, so a second process waits forever for the lock; this one waits at
// most the configured timeout, reports ErrBusy, and opens read-only stores with a shared
// lock so that readers run side by side. The store is one file, not a directory.
const boltBackend = "kgbolt"

// Options of the kgbolt backend.
const (
	optTimeout  = "timeout"
	optReadOnly = "readonly"
	optNoSync   = "nosync"
	optMmap     = "mmap" // bytes bolt maps at first (the bulk path's new file: no remaps as it grows)
)

func init() {
	kv.Register(boltBackend, kv.Registration{
		NewFunc:      openBoltKV,
		InitFunc:     openBoltKV,
		IsPersistent: true,
	})
}

func openBoltKV(path string, opt cgraph.Options) (hkv.KV, error) {
	return openBoltFile(path, opt)
}

func openBoltFile(path string, opt cgraph.Options) (*hbolt.DB, error) {
	if path == "" {
		return nil, kv.ErrEmptyPath
	}
	timeout := DefaultLockTimeout
	if s, err := opt.StringKey(optTimeout, ""); err == nil && s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			return nil, fmt.Errorf("bolt lock timeout %q: %w", s, err)
		}
		timeout = d
	}
	ro, err := opt.BoolKey(optReadOnly, false)
	if err != nil {
		return nil, err
	}
	noSync, err := opt.BoolKey(optNoSync, false)
	if err != nil {
		return nil, err
	}
	mmap, err := opt.IntKey(optMmap, 0)
	if err != nil {
		return nil, err
	}
	before, _ := os.Stat(path)
	db, err := hbolt.Open(path, &bolt.Options{Timeout: timeout, ReadOnly: ro, NoGrowSync: noSync, InitialMmapSize: mmap})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, ErrBusy
		}
		return nil, err
	}
	if after, err := os.Stat(path); before != nil && err == nil && !os.SameFile(before, after) {
		// a bulk build renamed its new store over the file while this process waited
		// for the old one's lock (see Store.Commit): open the new one
		db.Close()
		return openBoltFile(path, opt)
	}
	db.DB().NoSync = noSync
	return db, nil
}
