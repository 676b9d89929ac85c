package pii

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func skipOnWindows(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Unix permission bits are not meaningful on Windows")
	}
}

// writeKeyFile writes text to a new file in a temporary directory with the
// given mode (applied with chmod, so the umask does not interfere).
func writeKeyFile(t *testing.T, text string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data.key")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadKeyFileCreate(t *testing.T) {
	skipOnWindows(t)
	path := filepath.Join(t.TempDir(), "data.key")

	key, created, err := LoadKeyFile(path, true)
	if err != nil {
		t.Fatalf("LoadKeyFile(create): %v", err)
	}
	if !created || len(key) != 32 {
		t.Fatalf("LoadKeyFile(create) = %d bytes, created=%v", len(key), created)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("created key file mode = %04o, want 0600", perm)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := FormatKey(key) + "\n"; string(content) != want {
		t.Errorf("key file content is not FormatKey(key) + newline")
	}

	for _, create := range []bool{false, true} {
		again, created, err := LoadKeyFile(path, create)
		if err != nil {
			t.Fatalf("re-read (create=%v): %v", create, err)
		}
		if created {
			t.Errorf("re-read (create=%v) reported created", create)
		}
		if !bytes.Equal(again, key) {
			t.Errorf("re-read (create=%v) returned a different key", create)
		}
	}
}

func TestLoadKeyFileExisting(t *testing.T) {
	skipOnWindows(t)
	key := seqKey(7)
	tests := []struct {
		name    string
		text    string
		mode    os.FileMode
		wantErr string // "" means success
	}{
		{"hex 0600", FormatKey(key) + "\n", 0o600, ""},
		{"hex 0400", FormatKey(key), 0o400, ""},
		{"hex 0700", FormatKey(key), 0o700, ""},
		{"base64 with CRLF", "\r\n " + base64.StdEncoding.EncodeToString(key) + " \r\n", 0o600, ""},
		{"world-readable 0644", FormatKey(key), 0o644, "chmod 600"},
		{"group-readable 0640", FormatKey(key), 0o640, "chmod 600"},
		{"other-readable 0604", FormatKey(key), 0o604, "chmod 600"},
		{"group-writable 0620", FormatKey(key), 0o620, "chmod 600"},
		{"empty", "", 0o600, "data key is empty"},
		{"31 bytes", FormatKey(key[:31]), 0o600, "must be 32 bytes"},
		{"garbage", "not a key, just some text", 0o600, "hex characters or base64"},
		{"oversized", strings.Repeat("0", 5000), 0o600, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeKeyFile(t, tt.text, tt.mode)
			got, created, err := LoadKeyFile(path, true)
			if created {
				t.Error("existing file reported as created")
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("LoadKeyFile: %v", err)
				}
				if !bytes.Equal(got, key) {
					t.Errorf("LoadKeyFile = %x, want %x", got, key)
				}
				return
			}
			if err == nil {
				t.Fatalf("LoadKeyFile succeeded, want error containing %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
			if text := strings.TrimSpace(tt.text); len(text) >= 8 {
				assertNoLeak(t, err, text[:8])
			}
			// The file is left as it was.
			if content, _ := os.ReadFile(path); string(content) != tt.text {
				t.Error("LoadKeyFile modified an existing key file")
			}
		})
	}
}

func TestLoadKeyFileMissing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data.key")
	_, created, err := LoadKeyFile(path, false)
	if err == nil || created {
		t.Fatalf("LoadKeyFile(missing, create=false) = created %v, err %v", created, err)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v does not wrap fs.ErrNotExist", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadKeyFile(create=false) created the file")
	}
}

func TestLoadKeyFileCreatesNothingElse(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "missing", "data.key")
	if _, _, err := LoadKeyFile(path, true); err == nil {
		t.Fatal("LoadKeyFile succeeded in a missing directory")
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("LoadKeyFile created the parent directory")
	}
}

func TestLoadKeyFileDirectory(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := LoadKeyFile(dir, true); err == nil {
		t.Fatal("LoadKeyFile accepted a directory")
	}
}

// TestCreateKeyFileExclusive checks the O_EXCL path: a file that appears
// between the failed read and the create is never overwritten.
func TestCreateKeyFileExclusive(t *testing.T) {
	path := writeKeyFile(t, "someone else's key", 0o600)
	if _, err := createKeyFile(path); err == nil {
		t.Fatal("createKeyFile overwrote an existing file")
	} else if !errors.Is(err, fs.ErrExist) {
		t.Errorf("error %v does not wrap fs.ErrExist", err)
	}
	if content, _ := os.ReadFile(path); string(content) != "someone else's key" {
		t.Error("existing file was modified")
	}
}
