package enum

import "io"

// CertificateLevel is the level of a national social-work certificate (国人部发〔2006〕71号).
type CertificateLevel string

// Certificate levels.
const (
	LevelAssistant    CertificateLevel = "ASSISTANT"    // 助理社会工作师
	LevelIntermediate CertificateLevel = "INTERMEDIATE" // 社会工作师
	LevelSenior       CertificateLevel = "SENIOR"       // 高级社会工作师
)

// Values lists the levels from lowest to highest.
func (CertificateLevel) Values() []string {
	return []string{string(LevelAssistant), string(LevelIntermediate), string(LevelSenior)}
}

// Rank orders levels: ASSISTANT 1, INTERMEDIATE 2, SENIOR 3; unknown 0.
func (l CertificateLevel) Rank() int {
	for i, v := range l.Values() {
		if v == string(l) {
			return i + 1
		}
	}
	return 0
}

// MarshalGQL writes the level as a GraphQL enum value.
func (l CertificateLevel) MarshalGQL(w io.Writer) { marshal(w, l) }

// UnmarshalGQL reads a GraphQL enum value.
func (l *CertificateLevel) UnmarshalGQL(v any) error { return unmarshal(l, v, "CertificateLevel") }
