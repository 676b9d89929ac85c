package synth

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"swtalent/internal/civil"
)

// agenciesPerCounty is the number of social-work agencies in every county (about 17,000 at
// national scale, the order of the registered social-work agencies of the country).
const agenciesPerCounty = 6

var agencyTable = table{"agencies", []string{"created_at", "updated_at", "demo", "name", "org_type", "social_work", "hub",
	"industry_association", "purchase_capable", "influence", "service_fields", "registered_on", "agency_region",
	"cultivated_year", "agency_cultivated_by", "agency_community"}}

// fieldChoices are the service fields of social-work agencies: the plan's key fields and others.
var fieldChoices = []string{"SOCIAL_WELFARE", "SOCIAL_ASSISTANCE", "COMMUNITY_DEVELOPMENT", "URBAN_RURAL_COMMUNITY", "EDUCATIONAL_GUIDANCE", "SCHOOL",
	"ELDERLY_SERVICES", "CHILD_YOUTH", "MEDICAL", "DRUG_REHABILITATION", "COMMUNITY_CORRECTION", "MARRIAGE_FAMILY"}

// keyFieldChoices are the indexes in fieldChoices of the plan's key fields (重点领域), one of
// which the agency of city-level influence serves.
var keyFieldChoices = []int{1, 3, 6, 7, 8, 9, 10}

// writeAgencies writes the social-work agencies of every county, seated in the county: the
// first a hub, the second of city-level influence (one in ten of provincial influence), one in
// five of the last cultivated by the department competent for its first field; then the
// community social organisations (writeCommunityOrgs).
func (g *gen) writeAgencies(ctx context.Context) error {
	if err := g.loadDepartments(ctx); err != nil {
		return err
	}
	g.agencies = make([][]int, len(g.counties))
	g.agencyYear = make([][]int, len(g.counties))
	var rows []any
	var years []int
	flush := func(upto int, from *int) error {
		if len(rows) == 0 {
			return nil
		}
		ids, err := g.b.insert(ctx, agencyTable, rows)
		if err != nil {
			return err
		}
		k := 0
		for c := *from; c < upto; c++ {
			g.agencies[c] = ids[k : k+agenciesPerCounty]
			g.agencyYear[c] = years[k : k+agenciesPerCounty : k+agenciesPerCounty]
			k += agenciesPerCounty
		}
		rows, years, *from = rows[:0], nil, upto
		return nil
	}
	from := 0
	for ci, c := range g.counties {
		for j := 0; j < agenciesPerCounty; j++ {
			a := g.rng.IntN(len(fieldChoices))
			if j == 1 {
				a = keyFieldChoices[g.rng.IntN(len(keyFieldChoices))]
			}
			other := (a + 1 + g.rng.IntN(len(fieldChoices)-1)) % len(fieldChoices)
			fields, err := json.Marshal([]string{fieldChoices[a], fieldChoices[other]})
			if err != nil {
				return err
			}
			reg := between(g.rng, civil.DateFor(2010, time.January, 1), anchor)
			if j < 2 {
				// the hub and the agency of city-level influence came first
				reg = between(g.rng, civil.DateFor(2010, time.January, 1), civil.DateFor(2019, time.December, 31))
			}
			influence := "COUNTY"
			if j == 1 {
				influence = "CITY"
				if g.rng.IntN(10) == 0 {
					influence = "PROVINCE"
				}
			}
			var year, by any
			if d, ok := g.deptFor[fieldChoices[a]]; ok && j == agenciesPerCounty-1 && g.rng.IntN(5) == 0 {
				year, by = reg.Year+g.rng.IntN(anchor.Year-reg.Year+1), d
			}
			rows = append(rows, g.now, g.now, true, g.placeName(fmt.Sprintf("社会工作服务中心%d", j+1)), "PRIVATE_NON_ENTERPRISE",
				true, j == 0, false, g.rng.IntN(3) > 0, influence, fields, reg, c.id, year, by, nil)
			years = append(years, reg.Year)
		}
		if len(rows) >= 6000 {
			if err := flush(ci+1, &from); err != nil {
				return err
			}
		}
	}
	if err := flush(len(g.counties), &from); err != nil {
		return err
	}
	return g.writeCommunityOrgs(ctx)
}

var pointTable = table{"service_points", []string{"created_at", "updated_at", "demo", "tier", "name", "address", "opened_on",
	"service_point_region", "service_point_children", "service_point_operator"}}

// writePoints writes the three tiers: a centre in every county, a station in 92 % of townships and a
// point in 55 % of villages, each below the tier above.
func (g *gen) writePoints(ctx context.Context) error {
	g.centre = make([]int, len(g.counties))
	var rows []any
	for ci, c := range g.counties {
		opened := between(g.rng, civil.DateFor(2019, time.January, 1), civil.DateFor(2022, time.December, 31))
		rows = append(rows, g.now, g.now, true, "COUNTY_CENTRE", "县级社会工作服务中心", "", opened, c.id, nil, g.agencies[ci][0])
	}
	ids, err := g.b.insert(ctx, pointTable, rows)
	if err != nil {
		return err
	}
	copy(g.centre, ids)

	g.station = make([]int, len(g.townships))
	var idx []int
	rows = rows[:0]
	flushStations := func() error {
		if len(idx) == 0 {
			return nil
		}
		ids, err := g.b.insert(ctx, pointTable, rows)
		if err != nil {
			return err
		}
		for k, t := range idx {
			g.station[t] = ids[k]
		}
		rows, idx = rows[:0], idx[:0]
		return nil
	}
	for ti, t := range g.townships {
		if g.rng.Float64() >= 0.92 {
			continue
		}
		ag := g.agencies[t.county]
		opened := between(g.rng, civil.DateFor(2021, time.January, 1), civil.DateFor(2025, time.June, 30))
		rows = append(rows, g.now, g.now, true, "TOWNSHIP_STATION", "乡镇（街道）社会工作服务站", "", opened, t.id, g.centre[t.county], ag[g.rng.IntN(len(ag))])
		g.regionFacts.AddPoint("TOWNSHIP_STATION", t.code, &opened, nil)
		idx = append(idx, ti)
		if len(idx) >= 2500 {
			if err := flushStations(); err != nil {
				return err
			}
		}
	}
	if err := flushStations(); err != nil {
		return err
	}

	g.villagePt = make([]int, len(g.villages))
	for vi, v := range g.villages {
		st := g.station[v.parent]
		if st == 0 || g.rng.Float64() >= 0.55 {
			continue
		}
		opened := between(g.rng, civil.DateFor(2022, time.January, 1), anchor)
		rows = append(rows, g.now, g.now, true, "VILLAGE_POINT", "村（社区）社会工作服务点", "", opened, v.id, st, nil)
		g.regionFacts.AddPoint("VILLAGE_POINT", v.code, &opened, nil)
		idx = append(idx, vi)
		if len(idx) >= 2500 {
			if err := g.flushVillagePoints(ctx, &rows, &idx); err != nil {
				return err
			}
		}
	}
	return g.flushVillagePoints(ctx, &rows, &idx)
}

func (g *gen) flushVillagePoints(ctx context.Context, rows *[]any, idx *[]int) error {
	if len(*idx) == 0 {
		return nil
	}
	ids, err := g.b.insert(ctx, pointTable, *rows)
	if err != nil {
		return err
	}
	for k, v := range *idx {
		g.villagePt[v] = ids[k]
	}
	*rows, *idx = (*rows)[:0], (*idx)[:0]
	return nil
}

// training is a training course of a county.
type training struct {
	id     int
	hours  int
	starts civil.Date
	ends   civil.Date
	kind   string
}

var trainingTable = table{"trainings", []string{"created_at", "updated_at", "demo", "name", "kind", "starts_on", "ends_on", "hours",
	"training_region", "training_organiser_agency"}}

// trainingsPerCounty are the courses a county runs over 2023–2025: each year continuing
// education, a supervisor or business training, a leaders' seminar in spring and a party-school
// course in autumn (so that every 12 months train some leaders).
const trainingsPerCounty = 12

// courses are a year's courses: kind, name, and the months in which they start.
var courses = []struct {
	kind, name string
	from, to   time.Month
}{
	{"CONTINUING_EDUCATION", "持证社工继续教育培训班", time.March, time.November},
	{"SUPERVISOR_TRAINING", "社会工作督导人才培训班", time.March, time.November},
	{"LEADER_SEMINAR", "领导干部社会工作专题研修班", time.March, time.May},
	{"PARTY_SCHOOL_COURSE", "党校主体班社会工作课程", time.September, time.November},
}

// writeTrainings writes every county's courses, organised by one of its agencies.
func (g *gen) writeTrainings(ctx context.Context) error {
	g.trainings = make([][]training, len(g.counties))
	var rows []any
	var pending []training
	from := 0
	flush := func(upto int) error {
		if len(rows) == 0 {
			return nil
		}
		ids, err := g.b.insert(ctx, trainingTable, rows)
		if err != nil {
			return err
		}
		for i := range pending {
			pending[i].id = ids[i]
		}
		k := 0
		for c := from; c < upto; c++ {
			g.trainings[c] = append([]training(nil), pending[k:k+trainingsPerCounty]...)
			k += trainingsPerCounty
		}
		rows, pending, from = rows[:0], pending[:0], upto
		return nil
	}
	for ci, c := range g.counties {
		for j := 0; j < trainingsPerCounty; j++ {
			year, course := 2023+j/len(courses), courses[j%len(courses)]
			kind, name := course.kind, course.name
			if kind == "SUPERVISOR_TRAINING" && (year+ci)%2 == 0 {
				kind, name = "BUSINESS_TRAINING", "社区工作者业务培训"
			}
			start := between(g.rng, civil.DateFor(year, course.from, 1), civil.DateFor(year, course.to, 20))
			hours := 8 * (1 + g.rng.IntN(4))
			ag := g.agencies[ci]
			rows = append(rows, g.now, g.now, true, fmt.Sprintf("%d年%s", year, name), kind,
				start, start.AddDate(0, 0, hours/8-1), hours, c.id, ag[g.rng.IntN(len(ag))])
			pending = append(pending, training{hours: hours, starts: start, ends: start.AddDate(0, 0, hours/8-1), kind: kind})
		}
		if len(rows) >= 6000 {
			if err := flush(ci + 1); err != nil {
				return err
			}
		}
	}
	return flush(len(g.counties))
}

// between draws a date from lo to hi inclusive.
func between(rng interface{ IntN(int) int }, lo, hi civil.Date) civil.Date {
	days := int(hi.Time().Sub(lo.Time()).Hours()/24) + 1
	return lo.AddDate(0, 0, rng.IntN(days))
}
