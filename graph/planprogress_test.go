package graph_test

import (
	"testing"

	"swtalent/ent/account"
	entdept "swtalent/ent/department"
	"swtalent/ent/plantask"
)

// An admin's revision of a target changes plan and keeps every earlier value readable with who,
// when and why; nobody else may revise one.
func TestSetPlanTargetKeepsEarlierValues(t *testing.T) {
	e := newEnv(t, false)
	var d struct {
		PlanTargets struct {
			Edges []struct {
				Node struct {
					ID    string
					Value float64
				}
			}
		}
	}
	e.ok(`{ planTargets(where: {module: "incentives", indicator: "allowance_coverage"}) { edges { node { id value } } } }`, nil, &d)
	if len(d.PlanTargets.Edges) != 1 || d.PlanTargets.Edges[0].Node.Value != 1 {
		t.Fatalf("allowance_coverage targets = %+v", d.PlanTargets.Edges)
	}
	id := d.PlanTargets.Edges[0].Node.ID
	set := `mutation($id: ID!, $v: Float!, $c: PlanTargetComparator, $r: String!) {
		setPlanTarget(id: $id, value: $v, comparator: $c, reason: $r) { value comparator revisedAt } }`
	staff := e.as(e.signIn("staff", account.RoleSTAFF, nil))
	staff.fails(set, map[string]any{"id": id, "v": 0.9, "r": "试试"}, "FORBIDDEN", "")
	e.fails(set, map[string]any{"id": id, "v": 0.9, "r": "  "}, "BAD_USER_INPUT", "reason")
	e.fails(set, map[string]any{"id": id, "v": 1.0, "r": "不变"}, "BAD_USER_INPUT", "value")

	var ok struct{}
	e.ok(set, map[string]any{"id": id, "v": 0.95, "r": "县财政分步到位"}, &ok)
	e.ok(set, map[string]any{"id": id, "v": 0.9, "c": "GT", "r": "乡镇配套资金延后"}, &ok)

	if got := planAt(e, "2025-12-31")["incentives.allowance_coverage"]; got.Target == nil || *got.Target != 0.9 {
		t.Errorf("plan target after revision = %v, want 0.9", got.Target)
	}
	var r struct {
		Node struct {
			Value      float64
			Comparator string
			RevisedAt  *string
			Revisions  []struct {
				PreviousValue                  float64
				PreviousComparator, Comparator string
				Value                          float64
				RevisedBy, RevisedAt, Reason   string
			}
		}
	}
	e.as("").ok(`query($id: ID!) { node(id: $id) { ... on PlanTarget { value comparator revisedAt
		revisions { previousValue previousComparator value comparator revisedBy revisedAt reason } } } }`, map[string]any{"id": id}, &r)
	n := r.Node
	if n.Value != 0.9 || n.Comparator != "GT" || n.RevisedAt == nil || len(n.Revisions) != 2 {
		t.Fatalf("target after two revisions = %+v", n)
	}
	first, second := n.Revisions[0], n.Revisions[1]
	if first.PreviousValue != 1 || first.PreviousComparator != "GTE" || first.Value != 0.95 || first.Comparator != "GTE" ||
		first.RevisedBy != "admin" || first.Reason != "县财政分步到位" || first.RevisedAt == "" {
		t.Errorf("first revision = %+v", first)
	}
	if second.PreviousValue != 0.95 || second.Value != 0.9 || second.Comparator != "GT" || second.Reason != "乡镇配套资金延后" {
		t.Errorf("second revision = %+v", second)
	}
}

// A progress report from a department not responsible for the task is refused; one per task,
// department and period.
func TestTaskReportRules(t *testing.T) {
	e := newEnv(t, false)
	ctx := sys()
	task := e.client.PlanTask.Query().Where(plantask.Code("T1.4")).WithResponsible().OnlyX(ctx)
	lead := task.Edges.Responsible[0]
	outsider := e.client.Department.Query().Where(entdept.Not(entdept.HasTasksWith(plantask.ID(task.ID)))).FirstX(ctx)
	create := `mutation($in: CreateTaskReportInput!) { createTaskReport(input: $in) { id period status } }`
	in := func(dept int, period string) map[string]any {
		return map[string]any{"in": map[string]any{"taskID": task.ID, "departmentID": dept, "period": period,
			"progress": "已签订合作协议", "status": "IN_PROGRESS"}}
	}
	var ok struct{}
	e.ok(create, in(lead.ID, "2025-H1"), &ok)
	e.fails(create, in(outsider.ID, "2025-H1"), "BAD_USER_INPUT", "departmentID")
	e.fails(create, in(lead.ID, "2025-H1"), "CONFLICT", "period")
	e.ok(create, in(lead.ID, "2025-H2"), &ok)
	if n := e.client.TaskReport.Query().CountX(ctx); n != 2 {
		t.Errorf("%d reports written, want 2", n)
	}
	var d struct {
		Plan struct {
			Tasks []struct {
				Code    string
				Reports []struct{ Period string }
			}
		}
	}
	e.as("").ok(`{ plan { tasks { code reports(period: "2025-H2") { period } } } }`, nil, &d)
	for _, tk := range d.Plan.Tasks {
		if want := map[bool]int{true: 1, false: 0}[tk.Code == "T1.4"]; len(tk.Reports) != want {
			t.Errorf("task %s has %d reports for 2025-H2, want %d", tk.Code, len(tk.Reports), want)
		}
	}
}

// The reports of a list of tasks cost one statement for the whole list, with or without a period,
// not one per task.
func TestTaskReportsAreBatched(t *testing.T) {
	e := newEnv(t, true)
	ctx := sys()
	tasks := e.client.PlanTask.Query().WithResponsible().AllX(ctx)
	if len(tasks) < 3 {
		t.Fatalf("the plan has %d tasks", len(tasks))
	}
	create := `mutation($in: CreateTaskReportInput!) { createTaskReport(input: $in) { id } }`
	for i, task := range tasks[:3] {
		for _, period := range []string{"2025-H1", "2025-H2"}[:1+i%2] {
			var ok struct{}
			e.ok(create, map[string]any{"in": map[string]any{"taskID": task.ID, "departmentID": task.Edges.Responsible[0].ID,
				"period": period, "progress": "推进中", "status": "IN_PROGRESS"}}, &ok)
		}
	}
	code := map[int]string{}
	for _, task := range tasks {
		code[task.ID] = task.Code
	}
	written, writtenH2 := map[string]int{}, map[string]int{} // reports per task code, all and of 2025-H2
	for _, r := range e.client.TaskReport.Query().AllX(ctx) {
		written[code[r.TaskID]]++
		if r.Period.String() == "2025-H2" {
			writtenH2[code[r.TaskID]]++
		}
	}
	var d struct {
		Plan struct {
			Tasks []struct {
				Code    string
				Reports []struct{ Period string }
				H2      []struct{ Period string }
			}
		}
	}
	statements := func(q string) int {
		e.count.Reset()
		e.ok(q, nil, &d)
		return e.count.N()
	}
	bare := statements(`{ plan { tasks { code } } }`)
	with := statements(`{ plan { tasks { code reports { period } H2: reports(period: "2025-H2") { period } } } }`)
	if with != bare+2 {
		t.Errorf("%d tasks: %d statements without reports, %d with reports of every period and of one; want 2 more", len(d.Plan.Tasks), bare, with)
	}
	for _, tk := range d.Plan.Tasks {
		h2 := 0
		for _, r := range tk.Reports {
			if r.Period == "2025-H2" {
				h2++
			}
		}
		if len(tk.Reports) != written[tk.Code] || len(tk.H2) != writtenH2[tk.Code] || h2 != writtenH2[tk.Code] {
			t.Errorf("task %s: %d reports (%d of 2025-H2, %d asked for by period), want %d (%d)", tk.Code, len(tk.Reports), h2, len(tk.H2), written[tk.Code], writtenH2[tk.Code])
		}
	}
}
