package pii

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

func TestGenerateKey(t *testing.T) {
	a, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	b, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 32 || len(b) != 32 {
		t.Fatalf("key lengths %d, %d, want 32", len(a), len(b))
	}
	if bytes.Equal(a, b) {
		t.Error("two generated keys are equal")
	}
	if _, err := New(a); err != nil {
		t.Errorf("New(GenerateKey()) = %v", err)
	}
}

func TestFormatKey(t *testing.T) {
	key := seqKey(0xf0)
	got := FormatKey(key)
	if want := "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f"; got != want {
		t.Errorf("FormatKey = %s, want %s", got, want)
	}
	back, err := ParseKey(got)
	if err != nil || !bytes.Equal(back, key) {
		t.Errorf("ParseKey(FormatKey(k)) = %x, %v", back, err)
	}
}

func TestParseKeyAccepts(t *testing.T) {
	// 0xfb/0xff bytes make the standard and URL base64 alphabets differ.
	key := bytes.Repeat([]byte{0xfb, 0xff, 0xbe, 0x01}, 8)
	std := base64.StdEncoding.EncodeToString(key)
	url := base64.URLEncoding.EncodeToString(key)
	if std == url {
		t.Fatal("test key does not exercise both base64 alphabets")
	}
	tests := []struct {
		name string
		text string
	}{
		{"hex lower", hex.EncodeToString(key)},
		{"hex upper", strings.ToUpper(hex.EncodeToString(key))},
		{"base64 std", std},
		{"base64 std raw", base64.RawStdEncoding.EncodeToString(key)},
		{"base64 url", url},
		{"base64 url raw", base64.RawURLEncoding.EncodeToString(key)},
		{"hex with newline", hex.EncodeToString(key) + "\n"},
		{"hex surrounded by whitespace", " \t\r\n" + hex.EncodeToString(key) + " \r\n"},
		{"base64 with newline", std + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseKey(tt.text)
			if err != nil {
				t.Fatalf("ParseKey: %v", err)
			}
			if !bytes.Equal(got, key) {
				t.Errorf("ParseKey = %x, want %x", got, key)
			}
		})
	}
}

func TestParseKeyRejects(t *testing.T) {
	k31, k33 := seqKey(0x40)[:31], append(seqKey(0x40), 0x99)
	tests := []struct {
		name    string
		text    string
		wantMsg string
	}{
		{"empty", "", "empty"},
		{"whitespace", " \n\t", "empty"},
		{"hex 31 bytes", hex.EncodeToString(k31), "must be 32 bytes"},
		{"hex 33 bytes", hex.EncodeToString(k33), "must be 32 bytes"},
		{"base64 31 bytes", base64.StdEncoding.EncodeToString(k31), "must be 32 bytes"},
		{"base64 33 bytes", base64.StdEncoding.EncodeToString(k33), "must be 32 bytes"},
		{"base64url raw 31 bytes", base64.RawURLEncoding.EncodeToString(k31), "must be 32 bytes"},
		{"hex 63 characters", hex.EncodeToString(seqKey(0x40))[:63], "must be 64 hex characters, got 63"},
		{"hex with bad character", "g" + hex.EncodeToString(seqKey(0x40))[1:], "must be hex"},
		{"hex with 0x prefix", "0x" + hex.EncodeToString(seqKey(0x40)), "must be 32 bytes"},
		{"inner space", hex.EncodeToString(seqKey(0x40))[:32] + " " + hex.EncodeToString(seqKey(0x40))[32:], "hex characters or base64"},
		{"quoted", `"` + hex.EncodeToString(seqKey(0x40)) + `"`, "hex characters or base64"},
		{"passphrase", "correct horse battery staple", "hex characters or base64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseKey(tt.text)
			if err == nil {
				t.Fatalf("ParseKey succeeded with %x", got)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not mention %q", err, tt.wantMsg)
			}
			trimmed := strings.TrimSpace(tt.text)
			if len(trimmed) >= 8 {
				assertNoLeak(t, err, trimmed, trimmed[:8], trimmed[len(trimmed)-8:])
			}
		})
	}
}
