package pii

import "errors"

// ErrNoKey is returned by [ResolveKey] when no data key is configured and none
// may be created.
var ErrNoKey = errors.New("pii: no data key configured: set SWTALENT_DATA_KEY or provide a key file")

// ErrNotEncrypted is returned by [Keyring.Decrypt] for a non-empty
// value that lacks the "v1:" prefix, i.e. plaintext that has not been
// migrated yet.
var ErrNotEncrypted = errors.New("pii: value is not encrypted")
