package apperr

// ElementError is the error of one element of a list input, such as the fourth volunteer of
// createVolunteers. The API's error presenter turns Err into a user error as it would on its own
// and places its field inside Prefix (input[3].phone), so a list verb names the element without
// knowing how each kind of error is presented.
type ElementError struct {
	Prefix string // e.g. input[3]
	Err    error
}

// Element marks err as the error of the element prefix; nil stays nil.
func Element(prefix string, err error) error {
	if err == nil {
		return nil
	}
	return &ElementError{Prefix: prefix, Err: err}
}

// Error returns the element and its error, for logs.
func (e *ElementError) Error() string { return e.Prefix + ": " + e.Err.Error() }

// Unwrap returns the element's error.
func (e *ElementError) Unwrap() error { return e.Err }
