package apperr

import "testing"

func TestWithField(t *testing.T) {
	tests := []struct {
		name  string
		field string
		to    string
	}{
		{"replace", "idNumber", "personIds[3]"},
		{"clear", "idNumber", ""},
		{"set", "", "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := Invalid(tt.field, "错", "bad")
			got := orig.WithField(tt.to)
			if got.Field != tt.to {
				t.Errorf("Field = %q, want %q", got.Field, tt.to)
			}
			if orig.Field != tt.field {
				t.Errorf("original mutated: Field = %q, want %q", orig.Field, tt.field)
			}
			if got == orig {
				t.Error("WithField returned the receiver, want a copy")
			}
			if got.Code != orig.Code || got.ZH != orig.ZH || got.EN != orig.EN {
				t.Error("WithField changed more than the field")
			}
		})
	}
}

func TestIn(t *testing.T) {
	tests := []struct {
		name   string
		field  string
		prefix string
		want   string
	}{
		{"nested", "idNumber", "input[2]", "input[2].idNumber"},
		{"empty field", "", "input[2]", "input[2]"},
		{"list index", "[3]", "personIds", "personIds[3]"},
		{"twice", "input[2].idNumber", "batch", "batch.input[2].idNumber"},
		{"empty prefix", "idNumber", "", "idNumber"},
		{"both empty", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := Invalid(tt.field, "错", "bad")
			got := orig.In(tt.prefix)
			if got.Field != tt.want {
				t.Errorf("Field = %q, want %q", got.Field, tt.want)
			}
			if orig.Field != tt.field {
				t.Errorf("original mutated: Field = %q, want %q", orig.Field, tt.field)
			}
			if got == orig {
				t.Error("In returned the receiver, want a copy")
			}
		})
	}
}
