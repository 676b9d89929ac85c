package pii

import (
	"encoding/base64"
	"errors"
	"strings"
)

// prefix marks a value encrypted with the v1 scheme: AES-256-GCM, random
// 12-byte nonce, no additional data, base64url without padding.
const prefix = "v1:"

// Encrypt seals plain with AES-256-GCM under a fresh random nonce and returns
// "v1:" + base64.RawURLEncoding(nonce || ciphertext || tag). Encrypting the
// same value twice gives different results. The empty string encrypts to the
// empty string, so "no value" stays "no value". Encrypt is safe for
// concurrent use.
func (k *Keyring) Encrypt(plain string) (string, error) {
	if plain == "" {
		return "", nil
	}
	sealed := k.aead.Seal(nil, nil, []byte(plain), nil)
	return prefix + base64.RawURLEncoding.EncodeToString(sealed), nil
}

// Decrypt reverses [Keyring.Encrypt]. The empty string decrypts to the empty
// string. A non-empty value without the "v1:" prefix yields [ErrNotEncrypted]
// (test with errors.Is), so a migration can find plaintext rows. A malformed
// or tampered value, or one encrypted under another key, yields an error. No
// error contains the stored value or the plaintext.
func (k *Keyring) Decrypt(stored string) (string, error) {
	if stored == "" {
		return "", nil
	}
	body, ok := strings.CutPrefix(stored, prefix)
	if !ok {
		return "", ErrNotEncrypted
	}
	sealed, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return "", errors.New("pii: decrypt: stored value is not valid base64url")
	}
	if len(sealed) < k.aead.Overhead() {
		return "", errors.New("pii: decrypt: stored value is too short")
	}
	plain, err := k.aead.Open(nil, nil, sealed, nil)
	if err != nil {
		return "", errors.New("pii: decrypt: authentication failed (wrong key or tampered value)")
	}
	return string(plain), nil
}

// IsEncrypted reports whether stored carries the "v1:" prefix of an
// encrypted value. It does not check that the rest decrypts.
func IsEncrypted(stored string) bool {
	return strings.HasPrefix(stored, prefix)
}
