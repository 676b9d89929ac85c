package apperr

import "strings"

// FieldName turns an ent field or edge name (id_number) into the name clients use (idNumber).
func FieldName(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}
