package apperr

// WithField returns a copy of e whose Field is replaced by field.
func (e *Error) WithField(field string) *Error {
	c := *e
	c.Field = field
	return &c
}

// In returns a copy of e whose Field is placed inside prefix, for errors
// raised on an element of a list or a nested input object:
//
//	In("input[2]") on "idNumber" -> "input[2].idNumber"
//	In("input[2]") on ""         -> "input[2]"
//	In("personIds") on "[3]"     -> "personIds[3]"
//
// An empty prefix leaves the field unchanged.
func (e *Error) In(prefix string) *Error {
	c := *e
	switch {
	case prefix == "":
	case c.Field == "":
		c.Field = prefix
	case c.Field[0] == '[':
		c.Field = prefix + c.Field
	default:
		c.Field = prefix + "." + c.Field
	}
	return &c
}
