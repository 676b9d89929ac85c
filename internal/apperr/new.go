package apperr

// Invalid returns a BAD_USER_INPUT error for field with the given messages.
func Invalid(field, zh, en string) *Error {
	return &Error{Code: CodeBadUserInput, Field: field, ZH: zh, EN: en}
}

// Conflict returns a CONFLICT error for field with the given messages.
func Conflict(field, zh, en string) *Error {
	return &Error{Code: CodeConflict, Field: field, ZH: zh, EN: en}
}

// NotFound returns a NOT_FOUND error with the given messages.
func NotFound(zh, en string) *Error {
	return &Error{Code: CodeNotFound, ZH: zh, EN: en}
}

// Forbidden returns a FORBIDDEN error with the given messages.
func Forbidden(zh, en string) *Error {
	return &Error{Code: CodeForbidden, ZH: zh, EN: en}
}

// Internal returns an INTERNAL error with the fixed message
// "服务器内部错误 / internal error", keeping err as the (hidden) cause.
func Internal(err error) *Error {
	return &Error{Code: CodeInternal, ZH: "服务器内部错误", EN: "internal error", Err: err}
}
