package pii

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// GenerateKey returns a new random 32-byte data key.
func GenerateKey() ([]byte, error) {
	key := make([]byte, keySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("pii: generating data key: %w", err)
	}
	return key, nil
}

// ParseKey decodes the textual form of a data key: 64 hex characters, or
// standard or URL-safe base64 (padded or not) of 32 bytes. Surrounding
// whitespace is ignored. Errors describe the problem but never echo the key.
func ParseKey(text string) ([]byte, error) {
	key, err := parseKey(text)
	if err != nil {
		return nil, fmt.Errorf("pii: %w", err)
	}
	return key, nil
}

// parseKey is ParseKey without the package prefix on its errors, for callers
// that add their own context. Decoder errors are never wrapped: some quote
// the offending character, which is part of the key.
func parseKey(text string) ([]byte, error) {
	text = strings.TrimSpace(text)
	var key []byte
	switch {
	case text == "":
		return nil, errors.New("data key is empty")
	case isHexDigits(text):
		// Base64 of 32 bytes is 43 or 44 characters with '=' padding, so a
		// string of hex digits is always meant as hex.
		if len(text)%2 != 0 {
			return nil, fmt.Errorf("data key must be %d hex characters, got %d", 2*keySize, len(text))
		}
		key, _ = hex.DecodeString(text) // cannot fail: even length, hex digits only
	case len(text) == 2*keySize:
		return nil, fmt.Errorf("data key of %d characters must be hex, but contains a non-hex character", 2*keySize)
	default:
		var ok bool
		if key, ok = decodeBase64(text); !ok {
			return nil, fmt.Errorf("data key must be %d hex characters or base64 of %d bytes", 2*keySize, keySize)
		}
	}
	if len(key) != keySize {
		return nil, fmt.Errorf("data key must be %d bytes, got %d", keySize, len(key))
	}
	return key, nil
}

// decodeBase64 decodes text as standard or URL-safe base64, padded or not.
func decodeBase64(text string) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{
		base64.StdEncoding, base64.RawStdEncoding,
		base64.URLEncoding, base64.RawURLEncoding,
	} {
		if key, err := enc.DecodeString(text); err == nil {
			return key, true
		}
	}
	return nil, false
}

// isHexDigits reports whether s is a non-empty string of hex digits.
func isHexDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// FormatKey returns the textual form of key written to key files: lower-case
// hex, 64 characters for a 32-byte key.
func FormatKey(key []byte) string {
	return hex.EncodeToString(key)
}
