package refdata

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sharedData is the shared data folder the embedded CSVs are copied from, relative to this
// package's directory.
const sharedData = "../../../shared/data"

// TestCopiesMatchShared checks that every CSV of the shared data folder is embedded byte for
// byte, and that no embedded CSV is missing from it. It is skipped where the folder is absent.
func TestCopiesMatchShared(t *testing.T) {
	if _, err := os.Stat(sharedData); err != nil {
		t.Skipf("shared data folder %s not available: %v", sharedData, err)
	}
	shared, err := filepath.Glob(filepath.Join(sharedData, "*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := FileNames()
	if err != nil {
		t.Fatal(err)
	}
	var sharedNames []string
	for _, path := range shared {
		name := filepath.Base(path)
		sharedNames = append(sharedNames, name)
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(embedded, name) {
			t.Errorf("%s is in %s but not embedded: copy it to internal/refdata/data/", name, sharedData)
			continue
		}
		got, err := File(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("embedded %s differs from %s: copy it again", name, path)
		}
	}
	for _, name := range embedded {
		if strings.HasSuffix(name, ".csv") && !slices.Contains(sharedNames, name) {
			t.Errorf("embedded %s is no longer in %s", name, sharedData)
		}
	}
}
