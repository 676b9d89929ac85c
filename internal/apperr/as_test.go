package apperr

import (
	"errors"
	"fmt"
	"testing"
)

func TestAs(t *testing.T) {
	inv := Invalid("idNumber", "错", "bad")
	tests := []struct {
		name string
		err  error
		want *Error
	}{
		{"direct", inv, inv},
		{"wrapped", fmt.Errorf("create person: %w", inv), inv},
		{"joined", errors.Join(errors.New("other"), inv), inv},
		{"plain", errors.New("plain"), nil},
		{"nil", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := As(tt.err)
			if ok != (tt.want != nil) || got != tt.want {
				t.Errorf("As() = %v, %v; want %v, %v", got, ok, tt.want, tt.want != nil)
			}
		})
	}
}
