package validate

import (
	"errors"
	"strings"
	"testing"

	"swtalent/internal/apperr"
)

// checkErr asserts that err is a BAD_USER_INPUT *apperr.Error on field with
// message want (nil want means no error). input must not appear in the
// message.
func checkErr(t *testing.T, err error, field string, want *msg, input string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	var e *apperr.Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v, want *apperr.Error %q", err, want.en)
	}
	if e.Code != apperr.CodeBadUserInput {
		t.Errorf("Code = %q, want %q", e.Code, apperr.CodeBadUserInput)
	}
	if e.Field != field {
		t.Errorf("Field = %q, want %q", e.Field, field)
	}
	if e.ZH != want.zh || e.EN != want.en {
		t.Errorf("message = %q, want %q / %q", e.Error(), want.zh, want.en)
	}
	if in := strings.TrimSpace(input); len(in) >= 4 && strings.Contains(e.Error(), in) {
		t.Errorf("message %q contains the input", e.Error())
	}
}
