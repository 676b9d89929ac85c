package apperr

import (
	"errors"
	"testing"
)

func TestConstructors(t *testing.T) {
	cause := errors.New("boom")
	tests := []struct {
		name      string
		err       *Error
		wantCode  Code
		wantField string
		wantMsg   string
		wantCause error
	}{
		{"Invalid", Invalid("idNumber", "无效", "invalid"), CodeBadUserInput, "idNumber", "无效 / invalid", nil},
		{"Conflict", Conflict("certificateNumber", "已存在", "already exists"), CodeConflict, "certificateNumber", "已存在 / already exists", nil},
		{"NotFound", NotFound("未找到", "not found"), CodeNotFound, "", "未找到 / not found", nil},
		{"Forbidden", Forbidden("无权限", "forbidden"), CodeForbidden, "", "无权限 / forbidden", nil},
		{"Internal", Internal(cause), CodeInternal, "", "服务器内部错误 / internal error", cause},
		{"Internal nil cause", Internal(nil), CodeInternal, "", "服务器内部错误 / internal error", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err.Code != tt.wantCode {
				t.Errorf("Code = %q, want %q", tt.err.Code, tt.wantCode)
			}
			if tt.err.Field != tt.wantField {
				t.Errorf("Field = %q, want %q", tt.err.Field, tt.wantField)
			}
			if got := tt.err.Error(); got != tt.wantMsg {
				t.Errorf("Error() = %q, want %q", got, tt.wantMsg)
			}
			if tt.err.Err != tt.wantCause {
				t.Errorf("Err = %v, want %v", tt.err.Err, tt.wantCause)
			}
		})
	}
}
