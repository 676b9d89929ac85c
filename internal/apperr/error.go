package apperr

// Error is a user-facing error. ZH and EN are the Chinese and English
// messages; Field is the input field as the client named it (e.g. "idNumber",
// "personIds[3]", "input[2].idNumber") or empty. Err is an optional cause that
// is kept for logging and errors.Is/As but never shown to clients. RetryAfter, for a
// LIMIT_EXCEEDED that lifts by itself, is how many seconds to wait (sent as
// extensions.retryAfter).
type Error struct {
	Code       Code
	Field      string
	ZH         string
	EN         string
	Err        error
	RetryAfter int
}

// Error returns the bilingual message "ZH / EN". It never includes the cause.
func (e *Error) Error() string {
	switch {
	case e.EN == "":
		return e.ZH
	case e.ZH == "":
		return e.EN
	}
	return e.ZH + " / " + e.EN
}

// Unwrap returns the optional cause so errors.Is and errors.As see it.
func (e *Error) Unwrap() error { return e.Err }
