package pii

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"
)

func TestHash(t *testing.T) {
	hexHash := regexp.MustCompile(`^[0-9a-f]{64}$`)
	k := mustKeyring(t, 0)
	tests := []struct {
		kind, value string
	}{
		{"id_number", "36010219900307123X"},
		{"phone", "13800138000"},
		{"phone", "张三"},
		{"", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.value, func(t *testing.T) {
			h := k.Hash(tt.kind, tt.value)
			if !hexHash.MatchString(h) {
				t.Fatalf("Hash = %q, want 64 lower-case hex characters", h)
			}
			if again := k.Hash(tt.kind, tt.value); again != h {
				t.Errorf("Hash not deterministic: %q then %q", h, again)
			}
			if strings.Contains(h, tt.value) {
				t.Errorf("Hash %q contains the input", h)
			}
			mac := hmac.New(sha256.New, derive(seqKey(0), "swtalent/pii/hash/v1"))
			mac.Write([]byte(tt.kind + "\x00" + tt.value))
			if want := hex.EncodeToString(mac.Sum(nil)); h != want {
				t.Errorf("Hash = %s, want HMAC(hashKey, kind NUL value) = %s", h, want)
			}
		})
	}
}

// TestHashPinned guards the stored format: changing the derivation would
// orphan every unique index and lookup column.
func TestHashPinned(t *testing.T) {
	k := mustKeyring(t, 0)
	const want = "8cb1f318b892fe2a043dd3bbde8db39e8ed8051fe497265c2e7aee394d6b6987"
	if got := k.Hash("phone", "13800138000"); got != want {
		t.Errorf("Hash(phone, 13800138000) under key 00..1f = %s, want %s", got, want)
	}
}

func TestHashEmpty(t *testing.T) {
	k := mustKeyring(t, 0)
	for _, kind := range []string{"", "phone", "id_number"} {
		if got := k.Hash(kind, ""); got != "" {
			t.Errorf("Hash(%q, \"\") = %q, want \"\"", kind, got)
		}
	}
}

func TestHashSeparation(t *testing.T) {
	k0, k1 := mustKeyring(t, 0), mustKeyring(t, 1)
	const v = "13800138000"
	tests := []struct {
		name string
		a, b string
	}{
		{"kinds", k0.Hash("phone", v), k0.Hash("id_number", v)},
		{"keys", k0.Hash("phone", v), k1.Hash("phone", v)},
		{"values", k0.Hash("phone", v), k0.Hash("phone", "13800138001")},
		{"kind/value boundary", k0.Hash("ab", "c"), k0.Hash("a", "bc")},
		{"case", k0.Hash("id_number", "36010219900307123X"), k0.Hash("id_number", "36010219900307123x")},
	}
	for _, tt := range tests {
		if tt.a == tt.b {
			t.Errorf("%s: hashes collide: %s", tt.name, tt.a)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	k := mustKeyring(b, 0)
	b.ReportAllocs()
	for b.Loop() {
		_ = k.Hash("id_number", "36010219900307123X")
	}
}
