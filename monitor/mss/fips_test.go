package mss

import (
	"crypto/fips140"
	"os"
	"testing"
)

// TestFIPSMode checks, under `make test-fips` (KIZUKI_EXPECT_FIPS=1),
// that the signature and TLS tests beside it really ran in FIPS 140-3
// mode with the frozen module, not silently without it.
func TestFIPSMode(t *testing.T) {
	if os.Getenv("KIZUKI_EXPECT_FIPS") == "" {
		t.Skip("only under make test-fips")
	}
	if !fips140.Enabled() {
		t.Fatal("FIPS 140-3 mode is off: run with GODEBUG=fips140=on")
	}
	t.Logf("FIPS 140-3 module %s", fips140.Version())
	if fips140.Version() == "latest" {
		t.Errorf("module %q: build with GOFIPS140 set to a frozen snapshot", fips140.Version())
	}
}
