package civil

import (
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalTime writes a time.Time as the GraphQL scalar Time: RFC 3339 in UTC, whole seconds.
// gqlgen finds it by name for the scalar bound to swtalent/internal/civil.Time.
func MarshalTime(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(FormatTime(t)))
	})
}

// UnmarshalTime reads the GraphQL scalar Time: an RFC 3339 string with any offset, returned in UTC.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, &Error{ZH: "时间应为 RFC 3339 字符串", EN: "time must be an RFC 3339 string"}
	}
	return ParseTime(s)
}
