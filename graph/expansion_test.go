package graph_test

import (
	"testing"
)

func TestExpansionInitiativeOnDemoWorld(t *testing.T) {
	e := newEnv(t, true)
	ind := planAt(e, "2025-12-31")
	for _, key := range []string{"social_work_agencies", "hub_agencies", "purchase_capable_agencies", "key_fields_with_city_level_agency",
		"departments_cultivating_agency_rate", "personnel_cost_compliance_rate", "government_purchase_spending"} {
		got, ok := ind["expansion."+key]
		if !ok || got.Actual == nil {
			t.Errorf("expansion.%s: %+v", key, got)
		}
	}
	if a := ind["expansion.social_work_agencies"]; *a.Actual < 4 || a.Status != "MET" {
		t.Errorf("agencies: %+v", a)
	}
	if r := ind["expansion.personnel_cost_compliance_rate"]; *r.Actual <= 0 || *r.Actual >= 1 || r.Status != "MISSED" {
		t.Errorf("personnel-cost compliance: %+v", r)
	}

	var d struct {
		Expansion struct {
			FieldCoverage []struct {
				Field                       string
				Agencies, CityLevelAgencies int
				Covered                     bool
			}
			InspectionStatus []struct {
				Result string
				Count  int
			}
			NonCompliantProjects struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						PersonnelCostRatio     float64
						MeetsPersonnelCostRule bool
					}
				}
			}
			Spending []struct{ Source, Amount string }
		}
	}
	e.as("").ok(`{ expansion {
		fieldCoverage(asOf: "2025-12-31") { field agencies cityLevelAgencies covered }
		inspectionStatus(year: 2024) { result count }
		nonCompliantProjects(first: 50) { totalCount edges { node { personnelCostRatio meetsPersonnelCostRule } } }
		spending(year: 2024) { source amount } } }`, nil, &d)
	x := d.Expansion
	if len(x.FieldCoverage) != 7 {
		t.Fatalf("field coverage: %+v", x.FieldCoverage)
	}
	covered := 0
	for _, f := range x.FieldCoverage {
		if f.Covered != (f.CityLevelAgencies > 0) || f.CityLevelAgencies > f.Agencies {
			t.Fatalf("coverage of %s: %+v", f.Field, f)
		}
		if f.Covered {
			covered++
		}
	}
	// The indicator stops at the first city-level agency of each field; the list counts them.
	if k := ind["expansion.key_fields_with_city_level_agency"]; covered == 0 || *k.Actual != float64(covered) {
		t.Fatalf("key fields covered: indicator %v, field coverage %d", *k.Actual, covered)
	}
	if x.NonCompliantProjects.TotalCount == 0 {
		t.Fatal("no non-compliant projects in the demo world")
	}
	for _, edge := range x.NonCompliantProjects.Edges {
		if edge.Node.MeetsPersonnelCostRule || edge.Node.PersonnelCostRatio >= 0.8 {
			t.Fatalf("listed a compliant project: %+v", edge.Node)
		}
	}
	if x.Spending[0].Source != "GOVERNMENT_PURCHASE" || x.Spending[0].Amount == "0.00" {
		t.Fatalf("spending: %+v", x.Spending)
	}
}

func TestServiceProjectRules(t *testing.T) {
	e := newEnv(t, false)
	const create = `mutation($in: CreateServiceProjectInput!) { createServiceProject(input: $in) { personnelCostRatio meetsPersonnelCostRule } }`
	in := func(budget, cost, start, end string) map[string]any {
		return map[string]any{"in": map[string]any{"title": "社区为老服务", "budget": budget, "personnelCost": cost,
			"fundingSource": "GOVERNMENT_PURCHASE", "startsOn": start, "endsOn": end}}
	}
	e.fails(create, in("100000.00", "100000.01", "2025-01-01", "2025-12-31"), "BAD_USER_INPUT", "personnelCost")
	e.fails(create, in("100000.00", "80000.00", "2025-01-01", "2024-12-31"), "BAD_USER_INPUT", "endsOn")
	e.fails(create, in("-1.00", "0.00", "2025-01-01", "2025-12-31"), "BAD_USER_INPUT", "budget")
	var d struct {
		CreateServiceProject struct {
			PersonnelCostRatio     float64
			MeetsPersonnelCostRule *bool
		}
	}
	e.ok(create, in("100000.00", "79999.99", "2025-01-01", "2025-12-31"), &d)
	if d.CreateServiceProject.MeetsPersonnelCostRule == nil || *d.CreateServiceProject.MeetsPersonnelCostRule {
		t.Fatalf("79999.99 of 100000 meets the 80%% rule: %+v", d)
	}
	e.ok(create, in("100000.00", "80000.00", "2025-01-01", "2025-12-31"), &d)
	if !*d.CreateServiceProject.MeetsPersonnelCostRule || d.CreateServiceProject.PersonnelCostRatio != 0.8 {
		t.Fatalf("exactly 80%%: %+v", d)
	}
	// A government purchase without a budget has no share: ratio and rule are null, never "meets".
	var z struct {
		CreateServiceProject struct {
			PersonnelCostRatio     *float64
			MeetsPersonnelCostRule *bool
		}
	}
	e.ok(create, in("0.00", "0.00", "2025-01-01", "2025-12-31"), &z)
	if z.CreateServiceProject.PersonnelCostRatio != nil || z.CreateServiceProject.MeetsPersonnelCostRule != nil {
		t.Fatalf("a budget of 0: ratio %v, meets %v; want both null", z.CreateServiceProject.PersonnelCostRatio, z.CreateServiceProject.MeetsPersonnelCostRule)
	}
	// Not measurable, so outside the compliance rate: the two measurable projects above, one of which meets.
	rate := planAt(e, "2025-12-31")["expansion.personnel_cost_compliance_rate"]
	if rate.Actual == nil || *rate.Actual != 0.5 {
		t.Errorf("compliance rate %v, want 0.5 (1 of 2 measurable projects)", rate.Actual)
	}
}

// createAgency and updateAgency keep a cultivation whole (二（二）1): the cultivating department
// and the year together, the year not ahead of today, as the agencies sheet checks it; a refused
// mutation writes nothing.
func TestAgencyCultivationRule(t *testing.T) {
	e := newEnv(t, false)
	var deps struct {
		Departments struct {
			Edges []struct {
				Node struct{ ID, ShortName string }
			}
		}
	}
	e.ok(`{ departments(first: 100) { edges { node { id shortName } } } }`, nil, &deps)
	dept := ""
	for _, d := range deps.Departments.Edges {
		if d.Node.ShortName == "团县委" {
			dept = d.Node.ID
		}
	}
	if dept == "" {
		t.Fatal("团县委 is not among the departments")
	}
	const create = `mutation($in: CreateAgencyInput!) { createAgency(input: $in) { id cultivatedYear } }`
	for _, c := range []struct {
		name  string
		in    map[string]any
		field string
	}{
		{"department without year", map[string]any{"cultivatedByID": dept}, "cultivatedYear"},
		{"year without department", map[string]any{"cultivatedYear": 2024}, "cultivatedByID"},
		{"year before 1949", map[string]any{"cultivatedByID": dept, "cultivatedYear": 1948}, "cultivatedYear"},
		{"year ahead", map[string]any{"cultivatedByID": dept, "cultivatedYear": 2999}, "cultivatedYear"},
	} {
		c.in["name"] = "培育机构"
		e.fails(create, map[string]any{"in": c.in}, "BAD_USER_INPUT", c.field)
	}
	var none struct{ Agencies struct{ TotalCount int } }
	e.ok(`{ agencies(first: 1) { totalCount } }`, nil, &none)
	if none.Agencies.TotalCount != 0 {
		t.Fatalf("%d agencies after refused creates", none.Agencies.TotalCount)
	}

	var d struct{ CreateAgency struct{ ID string } }
	e.ok(create, map[string]any{"in": map[string]any{"name": "培育机构", "cultivatedByID": dept, "cultivatedYear": 2024}}, &d)
	const update = `mutation($id: ID!, $in: UpdateAgencyInput!) { updateAgency(id: $id, input: $in) { cultivatedYear cultivatedBy { shortName } } }`
	id := d.CreateAgency.ID
	e.fails(update, map[string]any{"id": id, "in": map[string]any{"clearCultivatedBy": true}}, "BAD_USER_INPUT", "cultivatedByID")
	e.fails(update, map[string]any{"id": id, "in": map[string]any{"cultivatedYear": 2999}}, "BAD_USER_INPUT", "cultivatedYear")
	e.fails(update, map[string]any{"id": id, "in": map[string]any{"clearCultivatedYear": true}}, "BAD_USER_INPUT", "cultivatedYear")
	var u struct {
		UpdateAgency struct {
			CultivatedYear *int
			CultivatedBy   *struct{ ShortName string }
		}
	}
	e.ok(update, map[string]any{"id": id, "in": map[string]any{"cultivatedYear": 2025}}, &u)
	if u.UpdateAgency.CultivatedYear == nil || *u.UpdateAgency.CultivatedYear != 2025 || u.UpdateAgency.CultivatedBy == nil {
		t.Fatalf("after moving the year: %+v", u.UpdateAgency)
	}
	e.ok(update, map[string]any{"id": id, "in": map[string]any{"clearCultivatedBy": true, "clearCultivatedYear": true}}, &u)
	if u.UpdateAgency.CultivatedYear != nil || u.UpdateAgency.CultivatedBy != nil {
		t.Fatalf("after clearing the cultivation: %+v", u.UpdateAgency)
	}
}
