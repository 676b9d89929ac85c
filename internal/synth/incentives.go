package synth

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
)

var postTable = table{"posts", []string{"created_at", "updated_at", "demo", "institution", "institution_kind", "title",
	"main_professional", "rank", "since", "holder_id", "post_region"}}

var recognitionTable = withKept(table{"recognitions", []string{"created_at", "updated_at", "demo", "kind", "year", "title", "awarded_by",
	"recognition_person", "recognition_agency", "recognition_project"}})

var publicityTable = table{"publicity_events", []string{"created_at", "updated_at", "demo", "name", "kind", "starts_on", "ends_on",
	"organiser", "reach"}}

var expertTable = table{"experts", []string{"created_at", "updated_at", "demo", "name", "affiliation", "areas", "service_fields",
	"term_start", "term_end", "expert_person"}}

// institutions are the public institutions with social-work posts in a county.
var institutions = []struct{ name, kind string }{
	{"社会福利中心", "ELDERLY_WELFARE"}, {"中心敬老院", "ELDERLY_WELFARE"}, {"儿童福利院", "CHILD_WELFARE"},
	{"残疾人康复中心", "DISABILITY_WELFARE"}, {"救助管理站", "RESCUE"}, {"未成年人救助保护中心", "MINOR_PROTECTION"},
	{"婚姻登记处", "MARRIAGE_FAMILY"}, {"社会救助服务中心", "SOCIAL_ASSISTANCE"},
}

// ranks are the post ranks by level, with their titles.
var ranks = []struct{ level, rank, title string }{
	{"ASSISTANT", "JUNIOR", "社会工作员"}, {"INTERMEDIATE", "INTERMEDIATE", "社会工作师"}, {"SENIOR", "SENIOR", "高级社会工作师"},
}

// writeIncentives writes the posts of every county's institutions (a junior and an intermediate
// post in each, a senior one in every third; held by the county's certified people, one in ten
// vacant), the recognitions of 2023–2025 (two social workers, an agency's case and from 2024 a
// project a year; a leading talent in 2025 now and then), the social-work week of every year and
// a campaign in every other year, and the expert pool (two registered people and an outsider
// per county).
func (g *gen) writeIncentives(ctx context.Context) error {
	var posts, recs, events, experts []any
	areas := [][]string{{"SUPERVISION", "TEACHING"}, {"EVALUATION"}, {"RESEARCH", "POLICY"}}
	for ci := range g.counties {
		pool := g.pool[ci]
		next := 0
		take := func() *worker {
			if next >= len(pool) {
				return nil
			}
			next++
			return &pool[next-1]
		}
		for i, inst := range institutions {
			for j, r := range ranks {
				if j == 2 && i%3 != 0 {
					continue
				}
				var holder, since any
				if w := take(); w != nil && g.rng.IntN(10) > 0 {
					holder = w.id
					from := w.spans[0].From
					if lo := civil.DateFor(2019, time.January, 1); from.Before(lo) {
						from = lo
					}
					since = between(g.rng, from, anchor)
				}
				posts = append(posts, g.now, g.now, true, "县"+inst.name, inst.kind, r.title, j > 0 || i%2 == 0, r.rank, since, holder, g.counties[ci].id)
			}
		}
		for year := 2023; year <= anchor.Year; year++ {
			for range 2 {
				if w := take(); w != nil {
					recs = append(recs, g.now, g.now, true, "OUTSTANDING_SOCIAL_WORKER", year, fmt.Sprintf("%d年度优秀社会工作者", year), "县民政局", w.id, nil, nil)
					recs = append(recs, facts.RowValues(recognitionTable.name, w.kept, civil.Month{})...)
				}
			}
			ag := g.agencies[ci]
			recs = append(recs, g.now, g.now, true, "CASE", year, fmt.Sprintf("%d年度社会工作优秀案例", year), "市民政局", nil, ag[g.rng.IntN(len(ag))], nil)
			recs = append(recs, recognitionTable.keptPlaceholders()...)
			if ps := g.projects[ci]; year >= 2024 && len(ps) > 0 {
				recs = append(recs, g.now, g.now, true, "GOOD_STORY", year, fmt.Sprintf("%d年度“社工好故事”", year), "省民政厅", nil, nil, ps[g.rng.IntN(len(ps))])
				recs = append(recs, recognitionTable.keptPlaceholders()...)
			}
			week := civil.DateFor(year, time.March, 15)
			for week.Time().Weekday() != time.Monday {
				week = week.AddDate(0, 0, 1)
			}
			events = append(events, g.now, g.now, true, fmt.Sprintf("%d年社会工作宣传周", year), "SOCIAL_WORK_WEEK", week, week.AddDate(0, 0, 6),
				"县民政局", 5000+g.rng.IntN(10_000))
			if (year+ci)%2 == 0 {
				start := between(g.rng, civil.DateFor(year, time.May, 1), civil.DateFor(year, time.November, 1))
				events = append(events, g.now, g.now, true, "“五社联动”进社区宣传月", "CAMPAIGN", start, start.AddDate(0, 0, 29),
					"县民政局", 2000+g.rng.IntN(20_000))
			}
		}
		if w := take(); w != nil && g.rng.IntN(3) == 0 {
			recs = append(recs, g.now, g.now, true, "LEADING_TALENT", 2025, "社会工作领军人才", "县委组织部", w.id, nil, nil)
			recs = append(recs, facts.RowValues(recognitionTable.name, w.kept, civil.Month{})...)
		}
		for k := range 3 {
			name, affiliation, person := g.placeName("")+"老师", "某大学社会工作系", any(nil)
			if w := take(); w != nil && k < 2 {
				name, affiliation, person = w.name, "县社会工作服务中心", w.id
			}
			a, err := json.Marshal(areas[g.rng.IntN(len(areas))])
			if err != nil {
				return err
			}
			f, err := json.Marshal([]enum.ServiceField{enum.ServiceField(fieldChoices[g.rng.IntN(len(fieldChoices))])})
			if err != nil {
				return err
			}
			start := between(g.rng, civil.DateFor(2021, time.January, 1), civil.DateFor(2025, time.June, 30))
			var end any
			if g.rng.IntN(6) == 0 {
				end = start.AddDate(2, 0, -1)
			}
			experts = append(experts, g.now, g.now, true, name, affiliation, a, f, start, end, person)
		}
		if len(posts) >= 20_000 {
			if err := g.flushIncentives(ctx, &posts, &recs, &events, &experts); err != nil {
				return err
			}
		}
	}
	return g.flushIncentives(ctx, &posts, &recs, &events, &experts)
}

// flushIncentives writes the rows gathered by writeIncentives.
func (g *gen) flushIncentives(ctx context.Context, posts, recs, events, experts *[]any) error {
	for _, w := range []struct {
		t    table
		rows *[]any
	}{{postTable, posts}, {recognitionTable, recs}, {publicityTable, events}, {expertTable, experts}} {
		if _, err := g.b.insert(ctx, w.t, *w.rows); err != nil {
			return err
		}
		*w.rows = (*w.rows)[:0]
	}
	return nil
}
