package transfer

import (
	"strings"
	"unicode"
)

// header maps a sheet's columns to a kind's column keys.
type header struct {
	index   map[string]int // column key -> position in the row
	ignored []string       // headers no column claims
}

// Row is one data row: its number and cells by column key.
type Row struct {
	// Number is the row number as the spreadsheet shows it (the header is row 1 or later).
	Number int
	cells  []string
	h      *header
}

// Get returns the trimmed text of a column, "" when the column is absent or the cell empty.
func (r Row) Get(key string) string {
	i, ok := r.h.index[key]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// Has reports whether the sheet has the column at all: a present but empty cell clears a value,
// an absent column leaves it alone.
func (r Row) Has(key string) bool {
	_, ok := r.h.index[key]
	return ok
}

// empty reports whether every cell is blank.
func (r Row) empty() bool {
	for _, c := range r.cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// normalHeader folds a header for matching: no spaces, marks of required columns (*) or notes in
// brackets, lower case, full-width brackets as ASCII.
func normalHeader(s string) string {
	s = strings.NewReplacer("（", "(", "）", ")", "＊", "*").Replace(s)
	if i := strings.Index(s, "("); i > 0 {
		s = s[:i]
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '*' || r == '_' || r == '-' || r == '\ufeff' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// matchHeader maps the header row to the kind's columns. It returns the missing required
// columns' headers, and an error message for a column given twice.
func matchHeader(k *Kind, cells []string) (*header, []string, string) {
	byName := map[string]string{}
	for _, c := range k.Columns {
		byName[normalHeader(c.ZH)] = c.Key
		byName[normalHeader(c.Key)] = c.Key
		for _, a := range c.Aliases {
			byName[normalHeader(a)] = c.Key
		}
	}
	h := &header{index: map[string]int{}}
	for i, cell := range cells {
		name := normalHeader(cell)
		if name == "" {
			continue
		}
		key, ok := byName[name]
		if !ok {
			h.ignored = append(h.ignored, strings.TrimSpace(cell))
			continue
		}
		if _, dup := h.index[key]; dup {
			return nil, nil, strings.TrimSpace(cell)
		}
		h.index[key] = i
	}
	var missing []string
	for _, c := range k.Columns {
		if _, ok := h.index[c.Key]; c.Required && !ok {
			missing = append(missing, c.ZH)
		}
	}
	return h, missing, ""
}
