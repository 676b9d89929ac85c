package civil_test

import (
	"bytes"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode"

	"swtalent/internal/civil"
)

// value is the method set shared by all civil value types.
type value interface {
	comparable
	String() string
	MarshalGQL(io.Writer)
	MarshalText() ([]byte, error)
	Value() (driver.Value, error)
}

// pointer is the method set of a pointer to a civil value type.
type pointer[T any] interface {
	*T
	UnmarshalGQL(any) error
	UnmarshalText([]byte) error
	Scan(any) error
}

// gql returns what v.MarshalGQL writes.
func gql(v interface{ MarshalGQL(io.Writer) }) string {
	var b bytes.Buffer
	v.MarshalGQL(&b)
	return b.String()
}

// checkRoundTrip checks that v has the text form text and that every codec
// (String, GraphQL, text, JSON, driver/Scan) round-trips it. stored is the
// expected driver value.
func checkRoundTrip[T value, P pointer[T]](t *testing.T, v T, text string, stored driver.Value) {
	t.Helper()
	if got := v.String(); got != text {
		t.Errorf("%#v.String() = %q, want %q", v, got, text)
	}
	if got, want := gql(v), `"`+text+`"`; got != want {
		t.Errorf("%#v.MarshalGQL = %s, want %s", v, got, want)
	}
	var g T
	if err := P(&g).UnmarshalGQL(text); err != nil || g != v {
		t.Errorf("UnmarshalGQL(%q) = %#v, %v; want %#v", text, g, err, v)
	}
	b, err := v.MarshalText()
	if err != nil || string(b) != text {
		t.Errorf("%#v.MarshalText() = %q, %v; want %q", v, b, err, text)
	}
	var u T
	if err := P(&u).UnmarshalText([]byte(text)); err != nil || u != v {
		t.Errorf("UnmarshalText(%q) = %#v, %v; want %#v", text, u, err, v)
	}
	j, err := json.Marshal(struct{ V T }{v})
	if err != nil || string(j) != `{"V":"`+text+`"}` {
		t.Errorf("json.Marshal(%#v) = %s, %v", v, j, err)
	}
	var back struct{ V T }
	if err := json.Unmarshal(j, &back); err != nil || back.V != v {
		t.Errorf("json.Unmarshal(%s) = %#v, %v", j, back.V, err)
	}
	dv, err := v.Value()
	if err != nil || dv != stored {
		t.Errorf("%#v.Value() = %#v, %v; want %#v", v, dv, err, stored)
	}
	cv, err := driver.DefaultParameterConverter.ConvertValue(v)
	if err != nil || cv != stored {
		t.Errorf("ConvertValue(%#v) = %#v, %v; want %#v", v, cv, err, stored)
	}
	for _, src := range []any{stored, []byte(toText(stored))} {
		var s T
		if err := P(&s).Scan(src); err != nil || s != v {
			t.Errorf("Scan(%#v) = %#v, %v; want %#v", src, s, err, v)
		}
	}
	var n T
	if err := P(&n).Scan(nil); err == nil {
		t.Errorf("Scan(nil) into %T: no error", n)
	} else {
		checkBilingual(t, err)
	}
}

// toText returns the text form of a stored driver value.
func toText(v driver.Value) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		b, _ := json.Marshal(v)
		return string(b)
	}
	panic("unexpected stored value")
}

// checkBilingual checks that err is a *civil.Error "中文 / English".
func checkBilingual(t *testing.T, err error) {
	t.Helper()
	var ce *civil.Error
	if !errors.As(err, &ce) {
		t.Errorf("error %v (%T) is not a *civil.Error", err, err)
		return
	}
	msg := err.Error()
	zh, en, ok := strings.Cut(msg, " / ")
	if !ok || zh != ce.ZH || en != ce.EN {
		t.Errorf("error %q is not \"ZH / EN\"", msg)
	}
	if !strings.ContainsFunc(ce.ZH, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		t.Errorf("error %q: Chinese part has no Chinese", msg)
	}
	if ce.EN == "" || strings.ContainsFunc(ce.EN, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		t.Errorf("error %q: bad English part", msg)
	}
	if len(msg) > 400 {
		t.Errorf("error message too long (%d bytes): %q", len(msg), msg)
	}
}

// checkInvalid checks that parse rejects every input with a bilingual error,
// and that UnmarshalGQL, UnmarshalText and (if scanText) Scan reject it too.
func checkInvalid[T value, P pointer[T]](t *testing.T, parse func(string) (T, error), scanText bool, inputs []string) {
	t.Helper()
	for _, s := range inputs {
		v, err := parse(s)
		if err == nil {
			t.Errorf("parse(%q) = %#v, want error", s, v)
			continue
		}
		checkBilingual(t, err)
		var zero T
		if v != zero {
			t.Errorf("parse(%q) returned %#v with an error, want zero", s, v)
		}
		var g T
		if err := P(&g).UnmarshalGQL(s); err == nil {
			t.Errorf("UnmarshalGQL(%q): no error", s)
		}
		if err := P(&g).UnmarshalText([]byte(s)); err == nil {
			t.Errorf("UnmarshalText(%q): no error", s)
		}
		if scanText {
			if err := P(&g).Scan(s); err == nil {
				t.Errorf("Scan(%q): no error", s)
			}
		}
		if g != zero {
			t.Errorf("failed decodes of %q changed the target to %#v", s, g)
		}
	}
}
