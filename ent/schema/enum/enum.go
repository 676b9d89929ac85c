// Package enum holds the enumerations that several entities (and modules) share: certificate
// levels, person roles, service fields and special populations. Each type lists its values in
// Values (which ent uses to build enum columns and validate JSON tag sets) and marshals itself as
// a GraphQL enum.
package enum

import (
	"fmt"
	"io"
	"slices"
	"strconv"
)

// enumType is the set of operations every enumeration here shares.
type enumType interface {
	~string
	Values() []string
}

// valid reports whether v is one of the values of its type.
func valid[T enumType](v T) bool {
	return slices.Contains(v.Values(), string(v))
}

// unmarshal reads a GraphQL enum value into *dst, checking it against the type's values.
func unmarshal[T enumType](dst *T, v any, name string) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("%s 应为枚举值 / %s must be an enum value", name, name)
	}
	if !valid(T(s)) {
		return fmt.Errorf("%s 不是有效的 %s / %q is not a valid %s", strconv.Quote(s), name, s, name)
	}
	*dst = T(s)
	return nil
}

// marshal writes an enum value as a GraphQL enum literal (a JSON string).
func marshal[T enumType](w io.Writer, v T) {
	_, _ = io.WriteString(w, strconv.Quote(string(v)))
}

// ValidList checks that every element of a tag set is a known value and that none repeats.
// It returns the first offending value's index, or -1.
func ValidList[T enumType](list []T) int {
	seen := make(map[T]bool, len(list))
	for i, v := range list {
		if !valid(v) || seen[v] {
			return i
		}
		seen[v] = true
	}
	return -1
}
