package civil_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"swtalent/internal/civil"
)

func TestParseMoneyValid(t *testing.T) {
	tests := []struct {
		in   string
		want civil.Money
		text string // canonical form
	}{
		{"350000", 35000000, "350000.00"},
		{"350000.5", 35000050, "350000.50"},
		{"350000.50", 35000050, "350000.50"},
		{"0", 0, "0.00"},
		{"0.00", 0, "0.00"},
		{"-0", 0, "0.00"},
		{"-0.00", 0, "0.00"},
		{"0.01", 1, "0.01"},
		{"-0.01", -1, "-0.01"},
		{"-12.5", -1250, "-12.50"},
		{"-12.50", -1250, "-12.50"},
		{"007.10", 710, "7.10"},
		{"92233720368547758.07", math.MaxInt64, "92233720368547758.07"},
		{"-92233720368547758.08", math.MinInt64, "-92233720368547758.08"},
		{"92233720368547758", 9223372036854775800, "92233720368547758.00"},
	}
	for _, tt := range tests {
		got, err := civil.ParseMoney(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			continue
		}
		if got.Yuan() != tt.text || got.Fen() != int64(tt.want) {
			t.Errorf("%d: Yuan() = %q, Fen() = %d", tt.want, got.Yuan(), got.Fen())
		}
		checkRoundTrip(t, got, tt.text, driver.Value(int64(tt.want)))
	}
}

func TestParseMoneyInvalid(t *testing.T) {
	checkInvalid(t, civil.ParseMoney, false, []string{
		"",
		"-",
		"+1",
		"+1.00",
		"1,200.00",
		"1,200",
		"1.234",
		"0.001",
		"1.",
		".5",
		"-.5",
		"1.2.3",
		" 1",
		"1 ",
		"1e3",
		"0x10",
		"--1",
		"1-",
		"abc",
		"１２",
		"NaN",
		"Inf",
		"92233720368547758.08",
		"-92233720368547758.09",
		"92233720368547759",
		"99999999999999999999",
		strings.Repeat("9", 1000),
	})
}

func TestParseMoneyErrorMessages(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "金额不能为空 / amount must not be empty"},
		{"1.234", `金额最多两位小数，收到 "1.234" / amount must have at most 2 decimal places, got "1.234"`},
		{"92233720368547758.08", `金额超出范围，收到 "92233720368547758.08" / amount is out of range, got "92233720368547758.08"`},
		{"1,200.00", `金额应为十进制数（如 350000.00），不能带 + 号或千位分隔符，收到 "1,200.00" / amount must be a decimal number such as 350000.00, without + or thousands separators, got "1,200.00"`},
	}
	for _, tt := range tests {
		_, err := civil.ParseMoney(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseMoney(%q) error = %v\nwant %s", tt.in, err, tt.want)
		}
	}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		m    civil.Money
		want string
	}{
		{0, "0.00"},
		{1, "0.01"},
		{-1, "-0.01"},
		{10, "0.10"},
		{99, "0.99"},
		{100, "1.00"},
		{-1250, "-12.50"},
		{35000000, "350000.00"},
		{math.MaxInt64, "92233720368547758.07"},
		{math.MinInt64, "-92233720368547758.08"},
		{math.MinInt64 + 1, "-92233720368547758.07"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("Money(%d).String() = %q, want %q", int64(tt.m), got, tt.want)
		}
		if got, want := gql(tt.m), `"`+tt.want+`"`; got != want {
			t.Errorf("Money(%d).MarshalGQL = %s, want %s", int64(tt.m), got, want)
		}
	}
}

func TestMoneyUnmarshalGQL(t *testing.T) {
	tests := []struct {
		in   any
		want civil.Money
	}{
		{"350000.00", 35000000},
		{"-12.5", -1250},
		{350000, 35000000},
		{int32(-7), -700},
		{int64(350000), 35000000},
		{uint8(3), 300},
		{uint64(92233720368547758), 9223372036854775800},
		{int64(-92233720368547758), -9223372036854775800},
		{float64(12.5), 1250},
		{float64(0.1), 10},
		{float64(0.29), 29},
		{float64(1.15), 115},
		{float64(-0.07), -7},
		{float64(350000), 35000000},
		{float64(1e15), 100000000000000000},
		{float32(12.25), 1225},
		{math.Copysign(0, -1), 0},
		{json.Number("350000.00"), 35000000},
		{json.Number("0.29"), 29},
		{json.Number("-12.5"), -1250},
		{json.Number("12"), 1200},
		{json.Number("1.25e3"), 125000},
		{json.Number("1.25E+3"), 125000},
		{json.Number("125e-2"), 125},
		{json.Number("-1e-2"), -1},
		{json.Number("0e999999"), 0},
		{json.Number("0.000e-9223372036854775808"), 0},
		{json.Number("1" + strings.Repeat("0", 300) + "e-300"), 100},
		{json.Number("0." + strings.Repeat("0", 300) + "1e303"), 10000},
		{json.Number("12.500e0"), 1250},
		{json.Number("92233720368547758.07"), math.MaxInt64},
		{json.Number("9.223372036854775807e16"), math.MaxInt64},
	}
	for _, tt := range tests {
		var m civil.Money = 42
		if err := m.UnmarshalGQL(tt.in); err != nil || m != tt.want {
			t.Errorf("UnmarshalGQL(%T %v) = %d, %v; want %d", tt.in, tt.in, m, err, tt.want)
		}
	}
	tenth := 0.1 // a variable, so that the sum below is computed in float64
	invalid := []any{
		nil,
		true,
		[]byte("1.00"),
		"1,200.00",
		"+1",
		"",
		int64(92233720368547759),
		int64(math.MinInt64),
		uint64(math.MaxUint64),
		math.MaxInt,
		float64(0.125),
		tenth + 2*tenth, // 0.30000000000000004
		float64(1e20),
		float64(-1e300),
		math.NaN(),
		math.Inf(1),
		math.Inf(-1),
		json.Number("0.0125e1"), // 0.125
		json.Number("1e-3"),
		json.Number("-125e-4"),
		json.Number("1e21"),
		json.Number("1e9999999999999999999999"),
		json.Number("1e9223372036854775807"),
		json.Number("1e-9223372036854775808"),
		json.Number("-1e9223372036854775807"),
		json.Number("0.5e-9223372036854775808"),
		json.Number("1" + strings.Repeat("0", 500) + "e-500"),
		json.Number("1.234"),
		json.Number("+1"),
		json.Number("1e"),
		json.Number("e5"),
		json.Number("1.2.3e1"),
		json.Number("0x10"),
		json.Number("92233720368547758.08"),
		json.Number("9.3e16"),
	}
	for _, v := range invalid {
		var m civil.Money = 42
		err := m.UnmarshalGQL(v)
		if err == nil {
			t.Errorf("UnmarshalGQL(%T %v) = %d, want error", v, v, m)
			continue
		}
		checkBilingual(t, err)
		if m != 42 {
			t.Errorf("failed UnmarshalGQL(%v) changed the target to %d", v, m)
		}
	}
}

func TestMoneyScanValue(t *testing.T) {
	tests := []struct {
		src  any
		want civil.Money
	}{
		{int64(35000000), 35000000},
		{int64(-1), -1},
		{int64(math.MaxInt64), math.MaxInt64},
		{int64(math.MinInt64), math.MinInt64},
		{"35000000", 35000000},
		{[]byte("-1250"), -1250},
		{"9223372036854775807", math.MaxInt64},
	}
	for _, tt := range tests {
		var m civil.Money
		if err := m.Scan(tt.src); err != nil || m != tt.want {
			t.Errorf("Scan(%#v) = %d, %v; want %d", tt.src, m, err, tt.want)
		}
		v, err := m.Value()
		if err != nil || v != int64(tt.want) {
			t.Errorf("Money(%d).Value() = %#v, %v", int64(m), v, err)
		}
	}
	for _, src := range []any{nil, "350000.00", "1e3", "", "9223372036854775808", 1.5, int32(3), true} {
		var m civil.Money = 42
		if err := m.Scan(src); err == nil {
			t.Errorf("Scan(%#v): no error", src)
		} else {
			checkBilingual(t, err)
		}
		if m != 42 {
			t.Errorf("failed Scan(%#v) changed the target to %d", src, m)
		}
	}
	v, err := driver.DefaultParameterConverter.ConvertValue((*civil.Money)(nil))
	if err != nil || v != nil {
		t.Errorf("ConvertValue(nil *Money) = %#v, %v", v, err)
	}
	var n sql.Null[civil.Money]
	if err := n.Scan(int64(5)); err != nil || !n.Valid || n.V != 5 {
		t.Errorf("Null[Money].Scan(5) = %v, %#v", err, n)
	}
}

func TestMoneyConstructors(t *testing.T) {
	if got := civil.FromYuan(350000); got != 35000000 || got.String() != "350000.00" {
		t.Errorf("FromYuan(350000) = %v", got)
	}
	if got := civil.FromYuan(-3); got != -300 {
		t.Errorf("FromYuan(-3) = %v", got)
	}
	if got := civil.FromYuan(92233720368547758); got.String() != "92233720368547758.00" {
		t.Errorf("FromYuan(max) = %v", got)
	}
	if got := civil.FromFen(1250); got != 1250 || got.Fen() != 1250 {
		t.Errorf("FromFen(1250) = %v", got)
	}
	for _, y := range []int64{92233720368547759, -92233720368547759, math.MaxInt64, math.MinInt64} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("FromYuan(%d) did not panic", y)
				}
			}()
			civil.FromYuan(y)
		}()
	}
}
