package pii

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// Hash returns a keyed hash of value for unique indexes and exact-match
// lookups: lower-case hex of HMAC-SHA256(hashKey, kind + "\x00" + value).
// kind separates domains (for example "id_number" and "phone") so equal
// values of different kinds never share a hash; it must be a fixed constant
// without NUL bytes. Callers normalise value first (trim, upper-case …) since
// the hash is exact. The empty value hashes to the empty string. Hash is
// safe for concurrent use.
func (k *Keyring) Hash(kind, value string) string {
	if value == "" {
		return ""
	}
	m := hmac.New(sha256.New, k.hashKey)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}
