package undo

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// prior is a changed row's columns as kept in Table: the column names, and each value as the
// driver gave it, tagged with its type so that it goes back exactly as it was read (a driver
// value is nil, int64, float64, bool, string or time.Time; bytes were read as string).
type prior struct {
	Cols []string  `json:"c"`
	Vals []*string `json:"v"`
}

// encode writes a row's columns for Table.
func encode(cols []string, vals []any) (string, error) {
	p := prior{Cols: cols, Vals: make([]*string, len(vals))}
	for i, v := range vals {
		var s string
		switch v := v.(type) {
		case nil:
			continue
		case int64:
			s = "i" + strconv.FormatInt(v, 10)
		case float64:
			s = "f" + strconv.FormatFloat(v, 'g', -1, 64)
		case bool:
			s = "b" + strconv.FormatBool(v)
		case string:
			s = "s" + v
		case time.Time:
			s = "t" + v.Format(time.RFC3339Nano)
		default:
			return "", fmt.Errorf("column %s: value of type %T", cols[i], v)
		}
		p.Vals[i] = &s
	}
	raw, err := json.Marshal(p)
	return string(raw), err
}

// decode reads a row's columns written by encode.
func decode(raw string) ([]string, []any, error) {
	var p prior
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return nil, nil, fmt.Errorf("read prior row: %w", err)
	}
	if len(p.Vals) != len(p.Cols) {
		return nil, nil, fmt.Errorf("read prior row: %d columns, %d values", len(p.Cols), len(p.Vals))
	}
	vals := make([]any, len(p.Vals))
	for i, sp := range p.Vals {
		if sp == nil || *sp == "" {
			continue
		}
		s, tag := (*sp)[1:], (*sp)[0]
		var err error
		switch tag {
		case 'i':
			vals[i], err = strconv.ParseInt(s, 10, 64)
		case 'f':
			vals[i], err = strconv.ParseFloat(s, 64)
		case 'b':
			vals[i], err = strconv.ParseBool(s)
		case 's':
			vals[i] = s
		case 't':
			vals[i], err = time.Parse(time.RFC3339Nano, s)
		default:
			err = fmt.Errorf("unknown tag %q", tag)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read prior row: column %s: %w", p.Cols[i], err)
		}
	}
	return p.Cols, vals, nil
}
