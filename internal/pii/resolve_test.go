package pii

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestResolveKey(t *testing.T) {
	skipOnWindows(t)
	envKey, fileKey, defaultKey := seqKey(0x10), seqKey(0x20), seqKey(0x30)
	errAny := errors.New("any error") // in the table: accept any non-nil error

	// Placeholders in the table, replaced per subtest with paths in a fresh
	// temporary directory: "FILE" exists holding fileKey, "DEFAULT" exists
	// holding defaultKey, "MISSING" and "MISSING2" do not exist.
	tests := []struct {
		name        string
		env         string
		keyFile     string
		defaultFile string
		allowCreate bool
		wantKey     []byte // nil: a fresh key is expected (created)
		wantSource  string // with placeholders
		wantErr     error  // sentinel, or errAny for any error
		wantCreated []string
	}{
		{name: "env beats file and default", env: FormatKey(envKey), keyFile: "FILE", defaultFile: "DEFAULT", allowCreate: true,
			wantKey: envKey, wantSource: "SWTALENT_DATA_KEY"},
		{name: "env with whitespace", env: "  " + FormatKey(envKey) + "\n", wantKey: envKey, wantSource: "SWTALENT_DATA_KEY"},
		{name: "env without create", env: FormatKey(envKey), keyFile: "MISSING", wantKey: envKey, wantSource: "SWTALENT_DATA_KEY"},
		{name: "bad env does not fall through", env: "too short", keyFile: "FILE", defaultFile: "DEFAULT", allowCreate: true,
			wantErr: errAny},
		{name: "blank env is an error", env: "   ", keyFile: "FILE", wantErr: errAny},
		{name: "file beats default", keyFile: "FILE", defaultFile: "DEFAULT", allowCreate: true,
			wantKey: fileKey, wantSource: "key file FILE"},
		{name: "file without create", keyFile: "FILE", wantKey: fileKey, wantSource: "key file FILE"},
		{name: "missing file created", keyFile: "MISSING", defaultFile: "DEFAULT", allowCreate: true,
			wantSource: "new key file MISSING (created)", wantCreated: []string{"MISSING"}},
		{name: "missing file not created", keyFile: "MISSING", defaultFile: "MISSING2", wantErr: fs.ErrNotExist},
		{name: "missing file with create does not use default", keyFile: "MISSING", defaultFile: "MISSING2", allowCreate: true,
			wantSource: "new key file MISSING (created)", wantCreated: []string{"MISSING"}},
		{name: "default used", defaultFile: "DEFAULT", allowCreate: true, wantKey: defaultKey, wantSource: "key file DEFAULT"},
		{name: "default created", defaultFile: "MISSING", allowCreate: true,
			wantSource: "new key file MISSING (created)", wantCreated: []string{"MISSING"}},
		{name: "default ignored without create", defaultFile: "DEFAULT", wantErr: ErrNoKey},
		{name: "missing default not created without create", defaultFile: "MISSING", wantErr: ErrNoKey},
		{name: "nothing with create", allowCreate: true, wantErr: ErrNoKey},
		{name: "nothing without create", wantErr: ErrNoKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			paths := map[string]string{
				"FILE":     filepath.Join(dir, "file.key"),
				"DEFAULT":  filepath.Join(dir, "default.key"),
				"MISSING":  filepath.Join(dir, "missing.key"),
				"MISSING2": filepath.Join(dir, "missing2.key"),
			}
			for name, key := range map[string][]byte{"FILE": fileKey, "DEFAULT": defaultKey} {
				if err := os.WriteFile(paths[name], []byte(FormatKey(key)+"\n"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			expand := func(s string) string {
				for _, name := range []string{"MISSING2", "MISSING", "DEFAULT", "FILE"} {
					s = strings.ReplaceAll(s, name, paths[name])
				}
				return s
			}

			key, source, err := ResolveKey(tt.env, expand(tt.keyFile), expand(tt.defaultFile), tt.allowCreate)

			// Only the expected files were created.
			for _, name := range []string{"MISSING", "MISSING2"} {
				_, statErr := os.Stat(paths[name])
				wantExists := false
				for _, c := range tt.wantCreated {
					wantExists = wantExists || c == name
				}
				if exists := statErr == nil; exists != wantExists {
					t.Errorf("%s exists = %v, want %v", name, exists, wantExists)
				}
			}

			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("ResolveKey = %x, %q; want error", key, source)
				}
				if tt.wantErr != errAny && !errors.Is(err, tt.wantErr) {
					t.Errorf("error %v, want %v", err, tt.wantErr)
				}
				if key != nil || source != "" {
					t.Errorf("ResolveKey returned key/source alongside error")
				}
				assertNoLeak(t, err, FormatKey(envKey), FormatKey(fileKey), FormatKey(defaultKey), strings.TrimSpace(tt.env))
				return
			}
			if err != nil {
				t.Fatalf("ResolveKey: %v", err)
			}
			if source != expand(tt.wantSource) {
				t.Errorf("source = %q, want %q", source, expand(tt.wantSource))
			}
			if strings.Contains(source, FormatKey(key)) {
				t.Errorf("source %q contains the key", source)
			}
			if tt.wantKey != nil && !bytes.Equal(key, tt.wantKey) {
				t.Errorf("key = %x, want %x", key, tt.wantKey)
			}
			if tt.wantKey == nil {
				if len(key) != 32 {
					t.Fatalf("created key has %d bytes", len(key))
				}
				if onDisk, err := ParseKey(mustRead(t, paths[tt.wantCreated[0]])); err != nil || !bytes.Equal(onDisk, key) {
					t.Errorf("created file does not hold the returned key (%v)", err)
				}
			}
		})
	}
}

// TestResolveKeyDefaultStable checks that a created default key is reused on
// the next start.
func TestResolveKeyDefaultStable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "swtalent.key")
	first, src1, err := ResolveKey("", "", path, true)
	if err != nil {
		t.Fatal(err)
	}
	second, src2, err := ResolveKey("", "", path, true)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Error("second start got a different key")
	}
	if src1 != "new key file "+path+" (created)" || src2 != "key file "+path {
		t.Errorf("sources = %q, %q", src1, src2)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
