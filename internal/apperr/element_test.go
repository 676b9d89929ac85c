package apperr

import (
	"errors"
	"testing"
)

func TestElement(t *testing.T) {
	if Element("input[1]", nil) != nil {
		t.Error("Element of nil is not nil")
	}
	inner := Invalid("phone", "手机号无效", "phone is not valid")
	err := Element("input[3]", inner)
	var el *ElementError
	if !errors.As(err, &el) || el.Prefix != "input[3]" {
		t.Fatalf("Element = %v", err)
	}
	if ae, ok := As(err); !ok || ae != inner {
		t.Errorf("the element's error is not reachable: %v", err)
	}
}
