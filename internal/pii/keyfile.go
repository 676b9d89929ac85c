package pii

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
)

// maxKeyFileSize bounds how much of a key file is read; the textual key is
// 64 characters plus a newline.
const maxKeyFileSize = 4096

// LoadKeyFile reads the data key stored at path (in any form [ParseKey]
// accepts). If the file does not exist and create is true, it generates a key
// and writes it in [FormatKey] form with mode 0600, failing if the file
// appears meanwhile (O_EXCL); it creates nothing else, not even missing
// parent directories. created reports whether the key was generated.
//
// A key file accessible by group or others (mode & 0o077 != 0) is refused
// with an error telling the user to chmod 600 it. On Windows, where Unix
// permission bits are not meaningful, that check is skipped.
func LoadKeyFile(path string, create bool) (key []byte, created bool, err error) {
	key, err = readKeyFile(path)
	if err == nil {
		return key, false, nil
	}
	if !create || !errors.Is(err, fs.ErrNotExist) {
		return nil, false, err
	}
	key, err = createKeyFile(path)
	if err != nil {
		return nil, false, err
	}
	return key, true, nil
}

// readKeyFile opens path, checks it is a private regular file and parses its
// content. A missing file gives an error wrapping fs.ErrNotExist.
func readKeyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("pii: opening key file: %w", err)
	}
	defer f.Close()

	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("pii: key file %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("pii: key file %s is not a regular file", path)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, fmt.Errorf("pii: key file %s is accessible by group or others (mode %04o); run: chmod 600 %s", path, perm, path)
	}
	text, err := io.ReadAll(io.LimitReader(f, maxKeyFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("pii: reading key file %s: %w", path, err)
	}
	if len(text) > maxKeyFileSize {
		return nil, fmt.Errorf("pii: key file %s is larger than %d bytes", path, maxKeyFileSize)
	}
	key, err := parseKey(string(text))
	if err != nil {
		return nil, fmt.Errorf("pii: key file %s: %w", path, err)
	}
	return key, nil
}

// createKeyFile generates a key and writes it to a new file at path with mode
// 0600. It fails if path already exists, and removes the file again if
// writing it fails so that no truncated key is left behind.
func createKeyFile(path string) (key []byte, err error) {
	key, err = GenerateKey()
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("pii: creating key file: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(path)
		}
	}()
	if _, err = f.WriteString(FormatKey(key) + "\n"); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("pii: writing key file %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("pii: syncing key file %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return nil, fmt.Errorf("pii: closing key file %s: %w", path, err)
	}
	return key, nil
}
