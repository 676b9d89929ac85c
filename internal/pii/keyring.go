package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
)

// keySize is the length in bytes of a data key.
const keySize = 32

// Labels for deriving the sub-keys from the data key. Changing either makes
// every stored value unreadable, so a new scheme needs a new label version.
const (
	labelEncrypt = "swtalent/pii/encrypt/v1"
	labelHash    = "swtalent/pii/hash/v1"
)

// Keyring holds the two keys derived from a 32-byte data key with
// HMAC-SHA256 over fixed labels: one for AES-256-GCM encryption
// ("swtalent/pii/encrypt/v1") and one for keyed hashes
// ("swtalent/pii/hash/v1"). The data key itself is not retained.
//
// A Keyring is immutable after [New] and safe for concurrent use. Printing it
// with the fmt package never reveals key material.
type Keyring struct {
	aead    cipher.AEAD // AES-256-GCM, random 12-byte nonce prepended
	hashKey []byte      // HMAC-SHA256 key for Hash
}

// New derives a Keyring from dataKey, which must be exactly 32 bytes. The
// caller's slice is not retained.
func New(dataKey []byte) (*Keyring, error) {
	if len(dataKey) != keySize {
		return nil, fmt.Errorf("pii: data key must be %d bytes, got %d", keySize, len(dataKey))
	}
	encKey := derive(dataKey, labelEncrypt)
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, fmt.Errorf("pii: creating AES cipher: %w", err)
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, fmt.Errorf("pii: creating AES-GCM: %w", err)
	}
	return &Keyring{aead: aead, hashKey: derive(dataKey, labelHash)}, nil
}

// derive returns HMAC-SHA256(key, label), a 32-byte sub-key.
func derive(key []byte, label string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(label))
	return m.Sum(nil)
}

// Format implements fmt.Formatter so that no verb (%v, %+v, %#v, %x …) can
// print the derived keys or the cipher's key schedule.
func (Keyring) Format(f fmt.State, _ rune) {
	_, _ = f.Write([]byte("pii.Keyring{redacted}"))
}
