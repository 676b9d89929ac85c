package apperr

import (
	"errors"
	"testing"
)

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"both", &Error{ZH: "身份证号校验位错误", EN: "ID number check digit is wrong"}, "身份证号校验位错误 / ID number check digit is wrong"},
		{"zh only", &Error{ZH: "错误"}, "错误"},
		{"en only", &Error{EN: "error"}, "error"},
		{"cause hidden", &Error{ZH: "服务器内部错误", EN: "internal error", Err: errors.New("pq: syntax error at SELECT")}, "服务器内部错误 / internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUnwrap(t *testing.T) {
	cause := errors.New("db down")
	tests := []struct {
		name string
		err  *Error
		want error
	}{
		{"with cause", Internal(cause), cause},
		{"without cause", Invalid("x", "错", "bad"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Unwrap(); got != tt.want {
				t.Errorf("Unwrap() = %v, want %v", got, tt.want)
			}
			if tt.want != nil && !errors.Is(tt.err, tt.want) {
				t.Error("errors.Is does not find the cause")
			}
		})
	}
}
