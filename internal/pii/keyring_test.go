package pii

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
)

func TestNewKeyLength(t *testing.T) {
	tests := []struct {
		name    string
		key     []byte
		wantErr bool
	}{
		{"nil", nil, true},
		{"empty", []byte{}, true},
		{"31 bytes", make([]byte, 31), true},
		{"33 bytes", make([]byte, 33), true},
		{"64 bytes", make([]byte, 64), true},
		{"32 bytes", make([]byte, 32), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := New(tt.key)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("New(%d bytes) succeeded, want error", len(tt.key))
				}
				if !strings.Contains(err.Error(), "32 bytes") {
					t.Errorf("error %q does not name the required length", err)
				}
				return
			}
			if err != nil || k == nil {
				t.Fatalf("New(32 bytes) = %v, %v", k, err)
			}
		})
	}
}

func TestNewDoesNotRetainKey(t *testing.T) {
	dk := seqKey(1)
	k, err := New(dk)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := k.Encrypt("13800138000")
	if err != nil {
		t.Fatal(err)
	}
	h := k.Hash("phone", "13800138000")
	for i := range dk {
		dk[i] = 0
	}
	if got, err := k.Decrypt(stored); err != nil || got != "13800138000" {
		t.Errorf("after clearing caller's key: Decrypt = %q, %v", got, err)
	}
	if got := k.Hash("phone", "13800138000"); got != h {
		t.Errorf("after clearing caller's key: Hash changed")
	}
}

func TestDerivedKeys(t *testing.T) {
	dk := seqKey(0)
	k := mustKeyring(t, 0)
	mac := hmac.New(sha256.New, dk)
	mac.Write([]byte("swtalent/pii/hash/v1"))
	if want := mac.Sum(nil); !bytes.Equal(k.hashKey, want) {
		t.Errorf("hash key = %x, want HMAC-SHA256(dataKey, label) = %x", k.hashKey, want)
	}
	if bytes.Equal(k.hashKey, dk) {
		t.Error("hash key equals the data key")
	}
	if bytes.Equal(derive(dk, labelEncrypt), derive(dk, labelHash)) {
		t.Error("encryption and hash keys are equal")
	}
}

func TestKeyringFormatRedacts(t *testing.T) {
	k := mustKeyring(t, 0)
	secrets := []string{
		fmt.Sprintf("%x", k.hashKey),
		fmt.Sprintf("%v", k.hashKey),
		fmt.Sprintf("%x", derive(seqKey(0), labelEncrypt)),
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%q"} {
		for _, arg := range []any{k, *k} {
			got := fmt.Sprintf(verb, arg)
			if !strings.Contains(got, "redacted") {
				t.Errorf("Sprintf(%q, %T) = %q, want redacted", verb, arg, got)
			}
			for _, s := range secrets {
				if strings.Contains(got, s) {
					t.Errorf("Sprintf(%q, %T) leaks key material", verb, arg)
				}
			}
		}
	}
}
