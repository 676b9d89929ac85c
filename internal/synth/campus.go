package synth

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"swtalent/internal/civil"
)

var baseTable = table{"bases", []string{"created_at", "updated_at", "demo", "kind", "name", "designated_on", "closed_on",
	"base_host_point", "base_host_agency"}}

var universityTable = table{"universities", []string{"created_at", "updated_at", "demo", "name"}}

var partnershipTable = table{"partnerships", []string{"created_at", "updated_at", "demo", "starts_on", "ends_on", "places_per_term",
	"scopes", "partnership_university", "partnership_base"}}

var placementTable = table{"placements", []string{"created_at", "updated_at", "demo", "student_name", "student_number",
	"supervisor_name", "term", "starts_on", "ends_on", "planned_hours", "logged_hours", "status", "evaluation",
	"placement_university", "placement_base", "placement_mentor"}}

// practiceBase is a practice base the generator places students at.
type practiceBase struct {
	id, county int
	designated civil.Date
}

// writeCampus writes the network's bases and the campus cooperation: a practice base at one in
// three township stations (designated 2021 to mid-2025, one in thirty closed since) and a
// training base at two of every county's agencies; one university for every ten counties (at
// least three); an agreement covering placements between three in five practice bases and a
// university; and the placements of every term from the agreement on (writePlacements).
func (g *gen) writeCampus(ctx context.Context) error {
	var rows []any
	var practice []practiceBase
	for ti, t := range g.townships {
		st := g.station[ti]
		if st == 0 || g.rng.IntN(3) != 0 {
			continue
		}
		on := between(g.rng, civil.DateFor(2021, time.January, 1), civil.DateFor(2025, time.June, 30))
		var closed any
		if g.rng.IntN(30) == 0 {
			closed = between(g.rng, on.AddDate(0, 0, 1), anchor)
		}
		rows = append(rows, g.now, g.now, true, "PRACTICE", g.placeName("社会工作实践基地"), on, closed, st, nil)
		if closed == nil {
			practice = append(practice, practiceBase{county: int(t.county), designated: on})
		} else {
			practice = append(practice, practiceBase{county: -1})
		}
	}
	ids, err := g.b.insert(ctx, baseTable, rows)
	if err != nil {
		return err
	}
	for i := range practice {
		practice[i].id = ids[i]
	}
	rows = rows[:0]
	for ci := range g.counties {
		for _, a := range []int{0, 2} {
			on := between(g.rng, civil.DateFor(2020, time.January, 1), civil.DateFor(2025, time.June, 30))
			rows = append(rows, g.now, g.now, true, "TRAINING", g.placeName("社会工作人才培养基地"), on, nil, nil, g.agencies[ci][a])
		}
		if len(rows) >= 20_000 {
			if _, err := g.b.insert(ctx, baseTable, rows); err != nil {
				return err
			}
			rows = rows[:0]
		}
	}
	if _, err := g.b.insert(ctx, baseTable, rows); err != nil {
		return err
	}
	rows = rows[:0]
	unis := max(3, len(g.counties)/10)
	for range unis {
		rows = append(rows, g.now, g.now, true, g.placeName([]string{"大学", "师范学院", "职业技术学院"}[g.rng.IntN(3)]))
	}
	uids, err := g.b.insert(ctx, universityTable, rows)
	if err != nil {
		return err
	}
	return g.writePlacements(ctx, practice, uids)
}

// agreement is a partnership being written.
type agreement struct {
	base   practiceBase
	uni    int
	starts civil.Date
	places int
}

// writePlacements writes the agreements and, for every term from an agreement's start to the
// autumn of 2025, one placement up to its places per term: completed once the term's placement
// ended (one in fifty cancelled), the autumn of 2025 (ending in January) running on 2025-12-31, each with a site
// mentor certified on the first day when the county has one.
func (g *gen) writePlacements(ctx context.Context, practice []practiceBase, uids []int) error {
	scopes := [][]string{{"PLACEMENTS", "RESEARCH", "COURSES"}, {"PLACEMENTS", "PLANNING"}, {"PLACEMENTS", "EMPLOYMENT"}}
	var rows []any
	var ags []agreement
	for _, b := range practice {
		if b.county < 0 || g.rng.IntN(5) >= 3 {
			continue
		}
		starts := between(g.rng, b.designated, b.designated.AddDate(0, 3, 0))
		if starts.After(civil.DateFor(2025, time.September, 1)) {
			continue
		}
		a := agreement{base: b, uni: uids[g.rng.IntN(len(uids))], starts: starts, places: 2 + g.rng.IntN(3)}
		sc, err := json.Marshal(scopes[g.rng.IntN(len(scopes))])
		if err != nil {
			return err
		}
		rows = append(rows, g.now, g.now, true, starts, nil, a.places, sc, a.uni, b.id)
		ags = append(ags, a)
	}
	if _, err := g.b.insert(ctx, partnershipTable, rows); err != nil {
		return err
	}
	rows = rows[:0]
	student := 0
	for _, a := range ags {
		for t := civil.TermOf(a.starts); t.Year <= 2025; t = t.Next() {
			start, end := t.Start().AddDate(0, 0, 1+g.rng.IntN(7)), civil.DateFor(t.Year, time.July, 1+g.rng.IntN(10))
			if t.Half == civil.Autumn {
				end = civil.DateFor(t.Year+1, time.January, 5+g.rng.IntN(10))
			}
			if start.Before(a.starts) {
				continue
			}
			for range 1 + g.rng.IntN(a.places) {
				student++
				status, logged, evaluation := "COMPLETED", 200+g.rng.IntN(60), any("完成实习计划，服务记录完整。")
				switch {
				case end.After(anchor):
					status, logged, evaluation = "ACTIVE", 120+g.rng.IntN(80), nil
				case g.rng.IntN(50) == 0:
					status, logged, evaluation = "CANCELLED", 0, nil
				}
				var mentor any
				pool := g.pool[a.base.county]
				for try := 0; try < 3 && len(pool) > 0 && mentor == nil; try++ {
					w := pool[g.rng.IntN(len(pool))]
					if levelAt(w.spans, start) != "" {
						mentor = w.id
					}
				}
				name := string([]rune{surnames[g.rng.IntN(len(surnames))], givenChars[g.rng.IntN(len(givenChars))], givenChars[g.rng.IntN(len(givenChars))]})
				rows = append(rows, g.now, g.now, true, name, fmt.Sprintf("%d%08d", t.Year-2, student), nil, t.String(),
					start, end, 240, logged, status, evaluation, a.uni, a.base.id, mentor)
			}
		}
		if len(rows) >= 20_000 {
			if _, err := g.b.insert(ctx, placementTable, rows); err != nil {
				return err
			}
			rows = rows[:0]
		}
	}
	_, err := g.b.insert(ctx, placementTable, rows)
	return err
}
