package validate

import "strings"

var msgCertificate = msg{"证书管理号应为18位数字", "certificate number must be exactly 18 digits"}

// CertificateNumber validates a certificate number (管理号): after trimming
// surrounding spaces it must be exactly 18 ASCII digits. The trimmed number is
// returned; keep it as a string, leading zeros matter.
func CertificateNumber(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) != 18 || !isDigits(s) {
		return "", invalid(field, msgCertificate)
	}
	return s, nil
}
