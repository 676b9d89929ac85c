package refdata

import (
	"slices"
	"testing"

	"swtalent/ent/schema/enum"
)

func TestReaders(t *testing.T) {
	regions, err := Regions()
	if err != nil {
		t.Fatal(err)
	}
	if len(regions) != 20 {
		t.Errorf("regions: got %d rows, want 20", len(regions))
	}
	if got := regions[2]; got != (RegionRow{Code: "361126000000", Name: "弋阳县", Kind: "COUNTY"}) {
		t.Errorf("regions[2] = %+v", got)
	}
	depts, err := Departments()
	if err != nil {
		t.Fatal(err)
	}
	if len(depts) != 17 || depts[0] != (DepartmentRow{ShortName: "县民政局", Name: "弋阳县民政局", Kind: "GOVERNMENT"}) {
		t.Errorf("departments: %d rows, first %+v", len(depts), depts[0])
	}
	fds, err := FieldDepartments()
	if err != nil {
		t.Fatal(err)
	}
	if len(fds) != 14 || fds[0].Field != enum.FieldSocialWelfare || fds[0].Department != "县民政局" {
		t.Errorf("field departments: %d rows, first %+v", len(fds), fds[0])
	}
	targets, err := PlanTargets()
	if err != nil {
		t.Fatal(err)
	}
	want := PlanTargetRow{Module: "doubling", Indicator: "certified_social_workers", Year: 2023, Comparator: "GT", Value: 80, Unit: "persons",
		Quote: "2023年全县持证社工人数较2022年实现倍增，总数突破80人"}
	if len(targets) != 16 || targets[0] != want {
		t.Errorf("plan targets: %d rows, first %+v", len(targets), targets[0])
	}
	tasks, err := PlanTasks()
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) != 13 {
		t.Errorf("plan tasks: got %d rows, want 13", len(tasks))
	}
	if got := tasks[3]; got.Code != "T1.4" || !slices.Equal(got.Responsible, []string{"县民政局", "县教育局"}) || got.ResponsibleSource != "listed" {
		t.Errorf("tasks[3] = %+v", got)
	}
	criteria, err := LinkageCriteria()
	if err != nil {
		t.Fatal(err)
	}
	if len(criteria) != 5 || criteria[4].Criterion != "volunteer_registration_rate" || criteria[4].Value != 0.10 {
		t.Errorf("linkage criteria: %d rows, last %+v", len(criteria), criteria[len(criteria)-1])
	}
}

func TestTopRegionCode(t *testing.T) {
	got, err := TopRegionCode()
	if err != nil {
		t.Fatal(err)
	}
	if got != "361126000000" {
		t.Errorf("TopRegionCode() = %q, want 361126000000", got)
	}
}

func TestTopRegion(t *testing.T) {
	tests := []struct {
		name  string
		codes []string
		want  string
	}{
		{"empty", nil, ""},
		{"one county", []string{"361126000000"}, "361126000000"},
		{"chain to county", []string{"360000000000", "361100000000", "361126000000", "361126001000", "361126002000"}, "361126000000"},
		{"chain to township", []string{"360000000000", "361100000000", "361126000000", "361126001000", "361126001001", "361126001002"}, "361126001000"},
		{"city with two counties", []string{"360000000000", "361100000000", "361126000000", "361127000000"}, "361100000000"},
		{"two provinces", []string{"360000000000", "350000000000"}, ""},
		{"two counties without parents", []string{"361126000000", "361127000000"}, ""},
		{"county without city row", []string{"360000000000", "361126000000", "361126001000", "361126002000"}, "361126000000"},
		{"order does not matter", []string{"361126002000", "361126000000", "361100000000", "361126001000", "360000000000"}, "361126000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := topRegion(tt.codes); got != tt.want {
				t.Errorf("topRegion(%v) = %q, want %q", tt.codes, got, tt.want)
			}
		})
	}
}

func TestParentCode(t *testing.T) {
	present := map[string]bool{"360000000000": true, "361126000000": true, "361126001000": true}
	exists := func(c string) bool { return present[c] }
	tests := []struct{ code, want string }{
		{"361126001002", "361126001000"},
		{"361126001000", "361126000000"},
		{"361126000000", "360000000000"}, // no city row: the province
		{"361100000000", "360000000000"},
		{"360000000000", ""},
		{"361127003000", "360000000000"},
		{"12345", ""},
	}
	for _, tt := range tests {
		if got := ParentCode(tt.code, exists); got != tt.want {
			t.Errorf("ParentCode(%s) = %q, want %q", tt.code, got, tt.want)
		}
	}
}
