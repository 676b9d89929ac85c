package certrules

import (
	"fmt"
	"io"
	"strconv"
)

// MarshalGQL writes the state as a GraphQL enum value.
func (s State) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *State) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	switch State(str) {
	case StateNotRegistered, StateFirstOverdue, StateValid, StateRenewalOpen, StateExpired:
		*s = State(str)
		return nil
	}
	return fmt.Errorf("%q 不是有效的登记状态 / %q is not a RegistrationState", str, str)
}
