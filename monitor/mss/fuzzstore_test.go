package mss_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor/store"
)

// newFuzzStore opens a database enrolled with the provider "SOC", for
// fuzz targets that go through the store.
func newFuzzStore(f *testing.F) *store.Store {
	f.Helper()
	st, err := store.Open(f.Context(), filepath.Join(f.TempDir(), "kizuki.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	if err := st.PutMSSProvider(f.Context(), store.MSSProvider{Name: "SOC", URL: "https://soc.example", KeyID: "k1", Enrolled: time.Now()}); err != nil {
		f.Fatal(err)
	}
	return st
}
