package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestEncryptRoundTrip(t *testing.T) {
	k := mustKeyring(t, 0)
	tests := []struct {
		name  string
		plain string
	}{
		{"empty", ""},
		{"id number", "36010219900307123X"},
		{"phone", "13800138000"},
		{"chinese", "张三，江西省南昌市红谷滩区"},
		{"emoji and mixed", "Zhang 三 👩‍💻"},
		{"single byte", "a"},
		{"nul and newline", "a\x00b\nc"},
		{"looks encrypted", "v1:abc"},
		{"long", strings.Repeat("手机号13800138000", 200)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored, err := k.Encrypt(tt.plain)
			if err != nil {
				t.Fatalf("Encrypt: %v", err)
			}
			if tt.plain == "" {
				if stored != "" {
					t.Fatalf("Encrypt(\"\") = %q, want \"\"", stored)
				}
			} else {
				if !IsEncrypted(stored) {
					t.Errorf("Encrypt result %q lacks v1: prefix", stored)
				}
				if want := len("v1:") + base64.RawURLEncoding.EncodedLen(12+len(tt.plain)+16); len(stored) != want {
					t.Errorf("len(stored) = %d, want %d", len(stored), want)
				}
				if len(tt.plain) >= 4 && strings.Contains(stored, tt.plain) {
					t.Errorf("stored value contains the plaintext")
				}
			}
			got, err := k.Decrypt(stored)
			if err != nil {
				t.Fatalf("Decrypt: %v", err)
			}
			if got != tt.plain {
				t.Errorf("round trip = %q, want %q", got, tt.plain)
			}
		})
	}
}

// TestEncryptFormat decrypts with an independent AES-256-GCM built from the
// documented derivation, pinning the stored format.
func TestEncryptFormat(t *testing.T) {
	k := mustKeyring(t, 0)
	const plain = "36010219900307123X"
	stored, err := k.Encrypt(plain)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(stored, "v1:"))
	if err != nil {
		t.Fatalf("stored value is not RawURLEncoding: %v", err)
	}
	block, err := aes.NewCipher(derive(seqKey(0), "swtalent/pii/encrypt/v1"))
	if err != nil {
		t.Fatal(err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		t.Fatal(err)
	}
	got, err := gcm.Open(nil, raw[:12], raw[12:], nil)
	if err != nil {
		t.Fatalf("independent decrypt: %v", err)
	}
	if string(got) != plain {
		t.Errorf("independent decrypt = %q, want %q", got, plain)
	}
}

func TestEncryptIsRandomised(t *testing.T) {
	k := mustKeyring(t, 0)
	seen := map[string]bool{}
	for range 100 {
		s, err := k.Encrypt("13800138000")
		if err != nil {
			t.Fatal(err)
		}
		if seen[s] {
			t.Fatalf("Encrypt produced the same ciphertext twice")
		}
		seen[s] = true
	}
}

func TestDecryptTampered(t *testing.T) {
	k := mustKeyring(t, 0)
	const plain = "36010219900307123X"
	stored, err := k.Encrypt(plain)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(stored, "v1:"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range raw {
		mod := append([]byte(nil), raw...)
		mod[i] ^= 0x01
		bad := "v1:" + base64.RawURLEncoding.EncodeToString(mod)
		got, err := k.Decrypt(bad)
		if err == nil {
			t.Fatalf("flipping byte %d: Decrypt succeeded with %q", i, got)
		}
		if got != "" {
			t.Errorf("flipping byte %d: Decrypt returned %q alongside an error", i, got)
		}
		assertNoLeak(t, err, plain, bad)
	}
}

func TestDecryptMalformed(t *testing.T) {
	k := mustKeyring(t, 0)
	const plain = "13800138000"
	stored, err := k.Encrypt(plain)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.TrimPrefix(stored, "v1:")
	tests := []struct {
		name         string
		stored       string
		notEncrypted bool
	}{
		{"plaintext", plain, true},
		{"chinese plaintext", "张三", true},
		{"other version", "v2:" + body, true},
		{"upper-case prefix", "V1:" + body, true},
		{"prefix only", "v1:", false},
		{"truncated", stored[:len(stored)-4], false},
		{"too short", "v1:" + body[:20], false},
		{"extra data", stored + "AAAA", false},
		{"invalid base64", "v1:" + body[:10] + "!" + body[11:], false},
		{"padded base64", stored + "==", false},
		{"standard alphabet", "v1:" + strings.NewReplacer("-", "+", "_", "/").Replace(body) + "+/", false},
		{"surrounding space", " " + stored, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := k.Decrypt(tt.stored)
			if err == nil {
				t.Fatalf("Decrypt succeeded with %q", got)
			}
			if errors.Is(err, ErrNotEncrypted) != tt.notEncrypted {
				t.Errorf("errors.Is(%v, ErrNotEncrypted) = %v, want %v", err, !tt.notEncrypted, tt.notEncrypted)
			}
			assertNoLeak(t, err, plain, tt.stored, body)
		})
	}
}

func TestDecryptWrongKey(t *testing.T) {
	k1, k2 := mustKeyring(t, 0), mustKeyring(t, 1)
	const plain = "张三 13800138000"
	stored, err := k1.Encrypt(plain)
	if err != nil {
		t.Fatal(err)
	}
	got, err := k2.Decrypt(stored)
	if err == nil {
		t.Fatalf("Decrypt with another key succeeded: %q", got)
	}
	if errors.Is(err, ErrNotEncrypted) {
		t.Errorf("wrong key reported as ErrNotEncrypted")
	}
	assertNoLeak(t, err, plain, stored)
}

func TestIsEncrypted(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"13800138000", false},
		{"v1", false},
		{"v1:", true},
		{"v1:abc", true},
		{"V1:abc", false},
		{"v2:abc", false},
	}
	for _, tt := range tests {
		if got := IsEncrypted(tt.in); got != tt.want {
			t.Errorf("IsEncrypted(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestEncryptConcurrent(t *testing.T) {
	k := mustKeyring(t, 0)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 16 {
		wg.Go(func() {
			plain := strings.Repeat("号", g+1)
			for range 200 {
				s, err := k.Encrypt(plain)
				if err != nil {
					errs <- err
					return
				}
				got, err := k.Decrypt(s)
				if err != nil {
					errs <- err
					return
				}
				if got != plain {
					errs <- errors.New("concurrent round trip mismatch")
					return
				}
				_ = k.Hash("phone", plain)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func BenchmarkEncrypt(b *testing.B) {
	k := mustKeyring(b, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Encrypt("36010219900307123X"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecrypt(b *testing.B) {
	k := mustKeyring(b, 0)
	stored, err := k.Encrypt("36010219900307123X")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Decrypt(stored); err != nil {
			b.Fatal(err)
		}
	}
}
