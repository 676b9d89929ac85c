package transfer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"swtalent/internal/apperr"
	"swtalent/internal/civil"
)

// Option is one value of an enumerated column: the code the API uses and the Chinese label
// clerks write (either is accepted; exports write the label).
type Option struct {
	Value   string
	ZH      string
	Aliases []string
}

// Options is the set of values of an enumerated column, with an index of every accepted
// spelling.
type Options struct {
	list  []Option
	index map[string]string
}

// NewOptions returns the set of values opts.
func NewOptions(opts ...Option) Options {
	o := Options{list: opts, index: map[string]string{}}
	for _, opt := range opts {
		for _, name := range append([]string{opt.Value, opt.ZH}, opt.Aliases...) {
			o.index[normalValue(name)] = opt.Value
		}
	}
	return o
}

// Parse reads a label or code; "" is an error only for required cells (handled by the engine).
func (o Options) Parse(field, s string) (string, error) {
	if v, ok := o.index[normalValue(s)]; ok {
		return v, nil
	}
	return "", apperr.Invalid(field, "取值无效，可填："+o.labels(), "unknown value; allowed: "+o.codes())
}

// Label returns the Chinese label of a code (the code itself when unknown).
func (o Options) Label(v string) string {
	for _, opt := range o.list {
		if opt.Value == v {
			return opt.ZH
		}
	}
	return v
}

// ParseList reads a list of labels or codes separated by 、 , ， ; ； / or spaces.
func (o Options) ParseList(field, s string) ([]string, error) {
	var out []string
	for _, part := range splitList(s) {
		v, err := o.Parse(field, part)
		if err != nil {
			return nil, err
		}
		for _, seen := range out {
			if seen == v {
				return nil, apperr.Invalid(field, "取值重复："+part, "a value is repeated: "+v)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// Labels joins the labels of codes with 、.
func (o Options) Labels(values []string) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = o.Label(v)
	}
	return strings.Join(out, "、")
}

// Note lists the labels for a template.
func (o Options) Note() string { return o.labels() }

// labels joins the labels.
func (o Options) labels() string {
	out := make([]string, len(o.list))
	for i, opt := range o.list {
		out[i] = opt.ZH
	}
	return strings.Join(out, "、")
}

// codes joins the codes.
func (o Options) codes() string {
	out := make([]string, len(o.list))
	for i, opt := range o.list {
		out[i] = opt.Value
	}
	return strings.Join(out, ", ")
}

// splitList splits a cell holding several values.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '、', ',', '，', ';', '；', '/', ' ', '\t', '\n', '　':
			return true
		}
		return false
	})
}

// dateMessage is the error of a date cell in the wrong format.
func dateError(field string) error {
	return apperr.Invalid(field, "日期格式应为 年-月-日，如 2024-05-01", "dates must be written YYYY-MM-DD, e.g. 2024-05-01")
}

// excelEpoch is day 0 of Excel's 1900 date system (with its phantom 29 February 1900).
var excelEpoch = time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)

// ParseDate reads a date cell: 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日, 20240501, or the
// serial day number Excel stores for a cell formatted as a date.
func ParseDate(field, s string) (civil.Date, error) {
	s = strings.TrimSpace(s)
	if len(s) == 8 && isDigits(s) {
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	} else if whole, _, _ := strings.Cut(s, "."); whole != "" && len(whole) <= 6 && isDigits(whole) && strings.Count(s, ".") <= 1 {
		serial, err := strconv.ParseFloat(s, 64)
		if err != nil || serial < 1 {
			return civil.Date{}, dateError(field)
		}
		return civil.DateOf(excelEpoch.AddDate(0, 0, int(serial))), nil
	}
	norm := dateFolder.Replace(s)
	parts := strings.Split(norm, "-")
	if len(parts) != 3 {
		return civil.Date{}, dateError(field)
	}
	y, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	d, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil || len(parts[0]) != 4 {
		return civil.Date{}, dateError(field)
	}
	out, err := civil.ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	if err != nil {
		return civil.Date{}, dateError(field)
	}
	return out, nil
}

// OptionalDate reads a date cell that may be empty (nil).
func OptionalDate(field, s string) (*civil.Date, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	d, err := ParseDate(field, s)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// FormatDate writes a date cell ("" for none).
func FormatDate(d *civil.Date) string {
	if d == nil || d.IsZero() {
		return ""
	}
	return d.String()
}

// ParseBool reads 是/否 (also Y/N, true/false, 1/0, √/×); "" gives def.
func ParseBool(field, s string, def bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return def, nil
	case "是", "y", "yes", "true", "1", "√", "✓":
		return true, nil
	case "否", "n", "no", "false", "0", "×", "x":
		return false, nil
	}
	return false, apperr.Invalid(field, "请填写“是”或“否”", "write 是 (yes) or 否 (no)")
}

// FormatBool writes 是 or 否.
func FormatBool(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// ParseInt reads a whole number cell (Excel may store 12 as "12.0"); "" is nil.
func ParseInt(field, s string) (*int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, ".0"), ".00")
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		return nil, apperr.Invalid(field, "应为整数", "must be a whole number")
	}
	return &n, nil
}

// FormatInt writes a whole number cell ("" for none).
func FormatInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// isDigits reports whether s is all ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// normalValue folds a cell value for matching labels: no spaces, ASCII brackets, lower case.
func normalValue(s string) string {
	return strings.ToLower(valueFolder.Replace(strings.TrimSpace(s)))
}

// dateFolder writes the separators of a date as "-".
var dateFolder = strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-")

// valueFolder removes spaces and quotes and makes brackets ASCII.
var valueFolder = strings.NewReplacer("（", "(", "）", ")", " ", "", "　", "", "\u201c", "", "\u201d", "")
