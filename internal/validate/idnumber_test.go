package validate

import (
	"testing"
	"time"
)

// withCheck appends the correct check character to 17 digits.
func withCheck(first17 string) string { return first17 + string(IDCheckChar(first17)) }

func TestIDCheckChar(t *testing.T) {
	tests := []struct {
		in   string
		want byte
	}{
		{"11010519491231002", 'X'},
		{"36112619900101001", 'X'},
		{"44030419800101123", '9'},
		{"1101051949123100", 0},   // 16 digits
		{"110105194912310021", 0}, // 18 digits
		{"1101051949123100A", 0},
		{"", 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := IDCheckChar(tt.in); got != tt.want {
				t.Errorf("IDCheckChar(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	// Every result for valid input is one of the eleven check characters.
	for _, s := range []string{"36232619800101001", "36112620000229002", "91000019000101003"} {
		if c := IDCheckChar(s); c == 0 || !(c == 'X' || c >= '0' && c <= '9') {
			t.Errorf("IDCheckChar(%q) = %q", s, c)
		}
	}
}

func TestParseIDNumber(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	today := time.Date(2024, 6, 15, 10, 0, 0, 0, cst)
	const f = "input[0].idNumber"
	tests := []struct {
		name  string
		in    string
		today time.Time
		want  IDNumber
		err   *msg
	}{
		{"vector valid", "11010519491231002X", today,
			IDNumber{Number: "11010519491231002X", BirthYear: 1949, BirthMonth: 12, BirthDay: 31, Male: false}, nil},
		{"vector wrong check", "110105194912310021", today, IDNumber{}, &msgIDCheck},
		{"lowercase x", "11010519491231002x", today,
			IDNumber{Number: "11010519491231002X", BirthYear: 1949, BirthMonth: 12, BirthDay: 31}, nil},
		{"spaces trimmed", "  11010519491231002x\t", today,
			IDNumber{Number: "11010519491231002X", BirthYear: 1949, BirthMonth: 12, BirthDay: 31}, nil},
		{"male odd sequence", withCheck("36112619900101001"), today,
			IDNumber{Number: withCheck("36112619900101001"), BirthYear: 1990, BirthMonth: 1, BirthDay: 1, Male: true}, nil},
		{"old Yiyang code", withCheck("36232619850707013"), today,
			IDNumber{Number: withCheck("36232619850707013"), BirthYear: 1985, BirthMonth: 7, BirthDay: 7, Male: true}, nil},
		{"born today", withCheck("36112620240615002"), today,
			IDNumber{Number: withCheck("36112620240615002"), BirthYear: 2024, BirthMonth: 6, BirthDay: 15}, nil},
		{"born tomorrow", withCheck("36112620240616002"), today, IDNumber{}, &msgIDFuture},
		{"today in caller's zone", withCheck("36112620240616002"), time.Date(2024, 6, 16, 0, 30, 0, 0, cst),
			IDNumber{Number: withCheck("36112620240616002"), BirthYear: 2024, BirthMonth: 6, BirthDay: 16}, nil},
		{"1900-01-01", withCheck("36112619000101002"), today,
			IDNumber{Number: withCheck("36112619000101002"), BirthYear: 1900, BirthMonth: 1, BirthDay: 1}, nil},
		{"1899-12-31", withCheck("36112618991231002"), today, IDNumber{}, &msgIDTooOld},
		{"2023-02-29", withCheck("36112620230229002"), today, IDNumber{}, &msgIDBirth},
		{"2024-02-29 leap", withCheck("36112620240229002"), today,
			IDNumber{Number: withCheck("36112620240229002"), BirthYear: 2024, BirthMonth: 2, BirthDay: 29}, nil},
		{"1900-02-29 not leap", withCheck("36112619000229002"), today, IDNumber{}, &msgIDBirth},
		{"month 13", withCheck("36112619901301002"), today, IDNumber{}, &msgIDBirth},
		{"day 00", withCheck("36112619900100002"), today, IDNumber{}, &msgIDBirth},
		{"year 0000", withCheck("36112600000101002"), today, IDNumber{}, &msgIDTooOld},
		{"17 chars", "11010519491231002", today, IDNumber{}, &msgIDLength},
		{"19 chars", "11010519491231002X1", today, IDNumber{}, &msgIDLength},
		{"15-digit old format", "110105491231002", today, IDNumber{}, &msgIDLength},
		{"empty", "", today, IDNumber{}, &msgIDLength},
		{"letter inside", "1101051949A231002X", today, IDNumber{}, &msgIDChars},
		{"X not last", "1101051949123100X2", today, IDNumber{}, &msgIDChars},
		{"bad last char", "11010519491231002Y", today, IDNumber{}, &msgIDChars},
		{"full-width digit", "11010519491231002１", today, IDNumber{}, &msgIDChars},
		{"inner space", "110105 949123100 X", today, IDNumber{}, &msgIDChars},
		{"province 00", withCheck("00112619900101001"), today, IDNumber{}, &msgIDProvince},
		{"province 16", withCheck("16112619900101001"), today, IDNumber{}, &msgIDProvince},
		{"province 72", withCheck("72000019900101001"), today, IDNumber{}, &msgIDProvince},
		{"province 91", withCheck("91000019900101001"), today,
			IDNumber{Number: withCheck("91000019900101001"), BirthYear: 1990, BirthMonth: 1, BirthDay: 1, Male: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseIDNumber(f, tt.in, tt.today)
			checkErr(t, err, f, tt.err, tt.in)
			if got != tt.want {
				t.Errorf("ParseIDNumber(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestProvinceCodeValid(t *testing.T) {
	valid := map[string]bool{}
	for _, r := range [][2]int{{11, 15}, {21, 23}, {31, 37}, {41, 46}, {50, 54}, {61, 65}, {71, 71}, {81, 83}, {91, 91}} {
		for n := r[0]; n <= r[1]; n++ {
			valid[string(rune('0'+n/10))+string(rune('0'+n%10))] = true
		}
	}
	for n := 0; n <= 99; n++ {
		p := string(rune('0'+n/10)) + string(rune('0'+n%10))
		if got := provinceCodeValid(p); got != valid[p] {
			t.Errorf("provinceCodeValid(%q) = %v, want %v", p, got, valid[p])
		}
	}
	for _, p := range []string{"", "3", "360", "3a"} {
		if provinceCodeValid(p) {
			t.Errorf("provinceCodeValid(%q) = true", p)
		}
	}
}
