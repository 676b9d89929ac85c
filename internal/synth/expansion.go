package synth

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"swtalent/internal/civil"
)

// loadDepartments reads the reference data's competent departments: the department competent for
// each service field (the first listing it), and the fields that have one.
func (g *gen) loadDepartments(ctx context.Context) error {
	rows, err := g.b.tx.QueryContext(ctx, "SELECT id, fields FROM departments ORDER BY id")
	if err != nil {
		return fmt.Errorf("read departments: %w", err)
	}
	defer rows.Close()
	g.deptFor = map[string]int{}
	for rows.Next() {
		var id int
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			return fmt.Errorf("read departments: %w", err)
		}
		var fields []string
		if len(raw) > 0 {
			if err := json.Unmarshal(raw, &fields); err != nil {
				return fmt.Errorf("read the fields of department %d: %w", id, err)
			}
		}
		for _, f := range fields {
			if _, ok := g.deptFor[f]; !ok {
				g.deptFor[f] = id
				g.deptFields = append(g.deptFields, f)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read departments: %w", err)
	}
	slices.Sort(g.deptFields)
	return nil
}

// communityOrgNames name community social organisations after their community.
var communityOrgNames = []string{"志愿服务队", "互助会", "服务社", "协会", "关爱之家"}

// writeCommunityOrgs writes the community social organisations (社区社会组织) of every county: two to
// four in its demonstration community (three or four in a model one), registered by mid-2024, and five in its other villages, each cultivated by the department
// competent for its field in one of the years 2021–2025 in turn (so that the departments
// cultivate some every year).
func (g *gen) writeCommunityOrgs(ctx context.Context) error {
	if len(g.deptFields) == 0 {
		return nil // no department is competent for any field: nothing to cultivate
	}
	var rows []any
	org := func(vi int32, reg civil.Date, field string, year, by any) {
		v := g.villages[vi]
		fields, _ := json.Marshal([]string{field})
		rows = append(rows, g.now, g.now, true, g.placeName(communityOrgNames[g.rng.IntN(len(communityOrgNames))]),
			"COMMUNITY_SOCIAL_ORGANIZATION", false, false, false, false, "COUNTY", fields, reg, v.id, year, by, v.id)
	}
	for ci := range g.counties {
		villages := g.countyVillages[ci]
		if len(villages) == 0 {
			continue
		}
		if dv := g.demoVillage[ci]; dv >= 0 {
			n := 2 + g.rng.IntN(3)
			if g.model[ci] {
				n = 3 + g.rng.IntN(2)
			}
			for range n {
				f := g.deptFields[g.rng.IntN(len(g.deptFields))]
				org(dv, between(g.rng, civil.DateFor(2019, time.January, 1), civil.DateFor(2024, time.June, 30)), f, nil, nil)
			}
		}
		for k := range 5 {
			year := 2021 + (k+ci)%5
			f := g.deptFields[g.rng.IntN(len(g.deptFields))]
			reg := between(g.rng, civil.DateFor(year-2, time.January, 1), civil.EndOfYear(year))
			org(villages[g.rng.IntN(len(villages))], reg, f, year, g.deptFor[f])
		}
		if len(rows) >= 20_000 {
			if _, err := g.b.insert(ctx, agencyTable, rows); err != nil {
				return err
			}
			rows = rows[:0]
		}
	}
	_, err := g.b.insert(ctx, agencyTable, rows)
	return err
}

var inspectionTable = table{"annual_inspections", []string{"created_at", "updated_at", "demo", "year", "result", "annual_inspection_agency"}}

var projectTable = table{"service_projects", []string{"created_at", "updated_at", "demo", "title", "service_fields", "populations",
	"budget", "personnel_cost", "funding_source", "linkage", "starts_on", "ends_on", "service_project_purchaser",
	"service_project_contractor", "service_project_community"}}

var supportTable = table{"agency_supports", []string{"created_at", "updated_at", "demo", "kind", "year", "amount",
	"agency_support_agency", "agency_support_department"}}

// projectsPerYear is the number of projects a county starts each year from 2022.
const projectsPerYear = 5

// inspectionResults are drawn for annual inspections: mostly qualified.
var inspectionResults = []string{"QUALIFIED", "QUALIFIED", "QUALIFIED", "QUALIFIED", "QUALIFIED", "QUALIFIED", "BASICALLY_QUALIFIED",
	"BASICALLY_QUALIFIED", "UNQUALIFIED", "NOT_SUBMITTED"}

// projectTitles and projectPopulations describe service projects.
var (
	projectTitles      = []string{"社区为老服务", "困境儿童关爱", "社区矫正对象帮扶", "医务社工驻院服务", "低收入家庭救助帮扶", "残疾人康复服务", "留守人员关爱"}
	projectPopulations = []string{"ELDERLY", "CHILDREN", "COMMUNITY_CORRECTION", "DISABLED", "LOW_INCOME", "DISABLED", "LEFT_BEHIND"}
)

// writeExpansion writes the registers of the expansion initiative: every social-work agency's
// annual inspections for 2022–2024 from the year after it registered, the service projects
// (projectsPerYear a county from 2022, in the county's villages and the first two in its
// demonstration community: government purchases but one in four of the last three, their
// personnel cost 60–90 % of the budget; one purchase in each half-year meets the plan's 80 %
// share, so that every 12 months have one), and support for every agency each year from 2023, as in the demo world.
func (g *gen) writeExpansion(ctx context.Context) error {
	var inspections, projects, supports []any
	g.projects = make([][]int, len(g.counties))
	civilAffairs, hasCivilAffairs := g.deptFor["SOCIAL_ASSISTANCE"]
	purchasers := make([]any, 0, len(g.deptFields))
	for _, f := range g.deptFields {
		purchasers = append(purchasers, g.deptFor[f])
	}
	flushProjects := func(upto int, from *int) error {
		ids, err := g.b.insert(ctx, projectTable, projects)
		if err != nil {
			return err
		}
		k := 0
		for ci := *from; ci < upto; ci++ {
			n := projectsPerYear * (anchor.Year - 2021)
			g.projects[ci] = ids[k : k+n]
			k += n
		}
		projects, *from = projects[:0], upto
		return nil
	}
	from := 0
	for ci := range g.counties {
		ags := g.agencies[ci]
		for i, a := range ags {
			reg := g.agencyYear[ci][i]
			for year := max(2022, reg+1); year <= 2024; year++ {
				inspections = append(inspections, g.now, g.now, true, year, inspectionResults[g.rng.IntN(len(inspectionResults))], a)
			}
			for year := 2023; year <= anchor.Year; year++ {
				kind := []string{"PREMISES", "GOVERNMENT_PURCHASE", "TRAINING_SUBSIDY"}[(i+year)%3]
				var amount, dept any
				if kind != "PREMISES" {
					amount = civil.FromYuan(int64(20_000 + 10_000*g.rng.IntN(5)))
				}
				if hasCivilAffairs {
					dept = civilAffairs
				}
				supports = append(supports, g.now, g.now, true, kind, year, amount, a, dept)
			}
		}
		villages := g.countyVillages[ci]
		for year := 2022; year <= anchor.Year; year++ {
			for j := range projectsPerYear {
				k := g.rng.IntN(len(projectTitles))
				start := between(g.rng, civil.DateFor(year, time.January, 1), civil.DateFor(year, time.October, 1))
				budget := int64(50_000 + 10_000*g.rng.IntN(35))
				share := []int64{60, 75, 80, 85, 90}[g.rng.IntN(5)]
				source := "GOVERNMENT_PURCHASE"
				switch {
				case j == 0: // a purchase meeting the personnel-cost rule in each half-year
					start = between(g.rng, civil.DateFor(year, time.January, 1), civil.DateFor(year, time.June, 30))
					share = 85
				case j == 1:
					start = between(g.rng, civil.DateFor(year, time.July, 1), civil.DateFor(year, time.October, 1))
					share = 90
				case g.rng.IntN(4) == 0:
					source = "CHARITY_FUND"
				}
				fields, _ := json.Marshal([]string{fieldChoices[g.rng.IntN(len(fieldChoices))]})
				pops, _ := json.Marshal([]string{projectPopulations[k]})
				var purchaser, community any
				if len(purchasers) > 0 {
					purchaser = purchasers[g.rng.IntN(len(purchasers))]
				}
				switch {
				case g.demoVillage[ci] >= 0 && j < 2:
					community = g.villages[g.demoVillage[ci]].id
				case len(villages) > 0:
					community = g.villages[villages[g.rng.IntN(len(villages))]].id
				}
				projects = append(projects, g.now, g.now, true, fmt.Sprintf("%d年%s项目", year, projectTitles[k]), fields, pops,
					civil.FromYuan(budget), civil.FromYuan(budget*share/100), source, j%4 == 0, start, start.PeriodEnd(1, 0),
					purchaser, ags[g.rng.IntN(len(ags))], community)
			}
		}
		if len(projects) >= 10_000 {
			if err := flushProjects(ci+1, &from); err != nil {
				return err
			}
		}
	}
	if err := flushProjects(len(g.counties), &from); err != nil {
		return err
	}
	if _, err := g.b.insert(ctx, inspectionTable, inspections); err != nil {
		return err
	}
	_, err := g.b.insert(ctx, supportTable, supports)
	return err
}
