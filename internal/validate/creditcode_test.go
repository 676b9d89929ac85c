package validate

import "testing"

const creditVector = "91350100M000100Y43"

func TestCreditCheckChar(t *testing.T) {
	tests := []struct {
		in   string
		want byte
	}{
		{"91350100M000100Y4", '3'},
		{"91110000600037341", 'L'},
		{"12100000400000112", 'R'},
		{"91350100M000100Y", 0},  // 16 chars
		{"91350100I000100Y4", 0}, // I not in charset
		{"91350100m000100Y4", 0}, // lower case is not normalised here
		{"", 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := CreditCheckChar(tt.in); got != tt.want {
				t.Errorf("CreditCheckChar(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCreditCode(t *testing.T) {
	const f = "creditCode"
	tests := []struct {
		name string
		in   string
		want string
		err  *msg
	}{
		{"vector", creditVector, creditVector, nil},
		{"second vector", "91110000600037341L", "91110000600037341L", nil},
		{"lower case", "91350100m000100y43", creditVector, nil},
		{"trimmed", "  91350100M000100Y43 ", creditVector, nil},
		{"17 chars", "91350100M000100Y4", "", &msgCreditLength},
		{"19 chars", creditVector + "0", "", &msgCreditLength},
		{"empty", "", "", &msgCreditLength},
		{"letter I", "91350100I000100Y43", "", &msgCreditChars},
		{"letter O", "91350100O000100Y43", "", &msgCreditChars},
		{"letter S", "91350100S000100Y43", "", &msgCreditChars},
		{"letter V", "91350100V000100Y43", "", &msgCreditChars},
		{"letter Z", "91350100Z000100Y43", "", &msgCreditChars},
		{"hyphen", "91350100-000100Y43", "", &msgCreditChars},
		{"full-width", "91350100Ｍ000100Y43", "", &msgCreditChars},
		{"wrong check", "91350100M000100Y44", "", &msgCreditCheck},
		{"swapped digits", "19350100M000100Y43", "", &msgCreditCheck},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CreditCode(f, tt.in)
			checkErr(t, err, f, tt.err, tt.in)
			if got != tt.want {
				t.Errorf("CreditCode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestCreditCodeMutations replaces each character of the test vector by every
// other charset symbol; every such one-character mutation must be rejected
// with the check-character message.
func TestCreditCodeMutations(t *testing.T) {
	for i := range len(creditVector) {
		for _, r := range creditCharset {
			if byte(r) == creditVector[i] {
				continue
			}
			in := creditVector[:i] + string(r) + creditVector[i+1:]
			t.Run(in, func(t *testing.T) {
				_, err := CreditCode("c", in)
				checkErr(t, err, "c", &msgCreditCheck, in)
			})
		}
	}
}
