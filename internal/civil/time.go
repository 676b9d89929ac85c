package civil

import (
	"strconv"
	"time"
)

// FormatTime returns t in UTC as RFC 3339 with whole seconds, e.g.
// "2024-03-01T08:00:00Z". Fractions of a second are dropped (truncated, not
// rounded). This is the form in which instants (created/updated timestamps
// and the like) are shown in the API; the GraphQL layer wraps it.
func FormatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// ParseTime parses an RFC 3339 timestamp with any offset ("Z", "+08:00", …)
// and an optional fraction of a second, and returns it in UTC. The year must
// be in [MinYear, MaxYear].
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, invalidValue(
			"时间格式应为 RFC 3339，如 2024-03-01T08:00:00Z",
			"time must be RFC 3339, e.g. 2024-03-01T08:00:00Z", s)
	}
	// The year as written, before conversion to UTC.
	if y, _ := strconv.Atoi(s[:4]); !yearOK(y) {
		return time.Time{}, yearRange(s)
	}
	return t.UTC(), nil
}
