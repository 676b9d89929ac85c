package validate

import "testing"

func TestCertificateNumber(t *testing.T) {
	const f = "certificateNumber"
	tests := []struct {
		name string
		in   string
		want string
		err  *msg
	}{
		{"valid", "202436112600000123", "202436112600000123", nil},
		{"leading zeros kept", "000000000000000001", "000000000000000001", nil},
		{"trimmed", " 202436112600000123\n", "202436112600000123", nil},
		{"17 digits", "20243611260000012", "", &msgCertificate},
		{"19 digits", "2024361126000001234", "", &msgCertificate},
		{"letter", "20243611260000012A", "", &msgCertificate},
		{"inner space", "2024361126 0000123", "", &msgCertificate},
		{"empty", "", "", &msgCertificate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CertificateNumber(f, tt.in)
			checkErr(t, err, f, tt.err, tt.in)
			if got != tt.want {
				t.Errorf("CertificateNumber(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
