package pii

import (
	"strings"
	"testing"
)

// seqKey returns the 32-byte key start, start+1, … (wrapping), a fixed key
// for reproducible tests.
func seqKey(start byte) []byte {
	k := make([]byte, keySize)
	for i := range k {
		k[i] = start + byte(i)
	}
	return k
}

// mustKeyring builds a Keyring from seqKey(start) or fails the test.
func mustKeyring(tb testing.TB, start byte) *Keyring {
	tb.Helper()
	k, err := New(seqKey(start))
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return k
}

// assertNoLeak fails the test if err's message contains any of secrets.
func assertNoLeak(tb testing.TB, err error, secrets ...string) {
	tb.Helper()
	if err == nil {
		return
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(err.Error(), s) {
			tb.Errorf("error %q leaks %q", err, s)
		}
	}
}
