package refdata_test

import (
	"strings"
	"testing"

	"swtalent/ent"
	"swtalent/internal/refdata"
)

func TestUnknownResponsibleDepartment(t *testing.T) {
	ctx := system()
	c := openDB(t)
	rows := []refdata.PlanTaskRow{{Code: "T9.9", Section: "s", Title: "t", Responsible: []string{"县不存在局"}}}
	err := refdata.UpsertPlanTasks(ctx, c, rows, map[string]*ent.Department{})
	if err == nil || !strings.Contains(err.Error(), "T9.9") || !strings.Contains(err.Error(), "县不存在局") {
		t.Errorf("error = %v, want it to name the task and the department", err)
	}
}

func TestUnknownFieldDepartment(t *testing.T) {
	ctx := system()
	c := openDB(t)
	fds := []refdata.FieldDepartmentRow{{Field: "MEDICAL", Department: "县不存在局"}}
	_, err := refdata.UpsertDepartments(ctx, c, nil, fds)
	if err == nil || !strings.Contains(err.Error(), "县不存在局") {
		t.Errorf("error = %v, want it to name the department", err)
	}
}
