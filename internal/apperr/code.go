package apperr

// Code is the value sent to clients as extensions.code.
type Code string

// The codes the API may return. They carry a Code prefix because the
// constructors [Conflict], [NotFound], [Forbidden] and [Internal] share the
// plain names.
const (
	// CodeBadUserInput means the client sent an invalid value; Field names it.
	CodeBadUserInput Code = "BAD_USER_INPUT"
	// CodeUnauthenticated means the request carries no valid session.
	CodeUnauthenticated Code = "UNAUTHENTICATED"
	// CodeForbidden means the caller may not perform the operation.
	CodeForbidden Code = "FORBIDDEN"
	// CodeNotFound means the requested object does not exist or is not visible.
	CodeNotFound Code = "NOT_FOUND"
	// CodeConflict means the operation clashes with existing data, e.g. a duplicate.
	CodeConflict Code = "CONFLICT"
	// CodeLimitExceeded means a size, rate or quota limit was exceeded.
	CodeLimitExceeded Code = "LIMIT_EXCEEDED"
	// CodeInternal means an unexpected server-side failure.
	CodeInternal Code = "INTERNAL"
)
