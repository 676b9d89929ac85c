package doubling

import (
	"context"
	"fmt"
	"slices"
	"time"

	"swtalent/ent"
	"swtalent/ent/examapplication"
	"swtalent/ent/schema/enum"
	rules "swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/internal/demo"
)

// Demo adds the exam years from 2020 to the demo world (the modules.DemoSeeder capability): a
// passed application behind every certificate passed in those years, linked to it, and about
// three times as many applicants who failed, were absent or passed only some papers — pass rates
// near the national 20–30 %. An exam after the plan's period whose results are not out by the
// world's end has its applications only, awaiting results.
func (m *Module) Demo(ctx context.Context, w *demo.World) error {
	byPerson := map[int][]*ent.Certificate{}
	for _, c := range w.Certificates {
		byPerson[c.HolderID] = append(byPerson[c.HolderID], c)
	}
	type key struct {
		person, year int
		level        enum.CertificateLevel
	}
	taken := map[key]bool{}
	var creates []*ent.ExamApplicationCreate
	add := func(p *ent.Person, year int, level enum.CertificateLevel, results []enum.PaperResult, cert *ent.Certificate) {
		k := key{p.ID, year, level}
		if taken[k] {
			return
		}
		taken[k] = true
		outcome := rules.Decide(rules.Attempt{Year: year, Level: level, Results: results}, nil)
		c := w.Client.ExamApplication.Create().
			SetDemo(true).SetPerson(p).SetExamYear(year).SetLevel(level).
			SetResults(results).SetOutcome(examapplication.Outcome(outcome)).SetRoles(p.Roles)
		if cert != nil && outcome == rules.OutcomePassed {
			c.SetCertificate(cert)
		}
		creates = append(creates, c)
	}
	all := func(level enum.CertificateLevel, passed bool) []enum.PaperResult {
		var out []enum.PaperResult
		for _, p := range rules.Papers(level) {
			out = append(out, enum.PaperResult{Paper: p, Sat: true, Passed: passed})
		}
		return out
	}
	persons := map[int]*ent.Person{}
	for _, p := range w.Persons {
		persons[p.ID] = p
	}
	passedIn := func(from, to int) {
		for _, c := range w.Certificates {
			if c.PassedOn.Year >= from && c.PassedOn.Year <= to {
				add(persons[c.HolderID], c.PassedOn.Year, c.Level, all(c.Level, true), c)
			}
		}
	}
	// Passed applications behind the certificates of the plan's period from 2020.
	passedIn(2020, w.Anchor.Year)
	// Other applicants: people without a certificate that year, from the roles the plan asks to
	// sit the exam; unsuccessful once the results are out.
	years := []int{2020, 2021, 2022, 2023, 2024, 2025}
	for _, year := range append(years, w.LaterYears()...) {
		closes := civil.DateFor(year, time.March, 31) // applications close
		if closes.After(w.End()) {
			break
		}
		r, pool := w.Rand, w.JoinedBy(w.Anchor)
		resultsOut := true
		if year > w.Anchor.Year {
			r, pool = w.Later, w.JoinedBy(closes)
			resultsOut = !demo.ExamResultsDay(year).After(w.End())
			passedIn(year, year)
		}
		passed := 0
		for _, c := range w.Certificates {
			if c.PassedOn.Year == year {
				passed++
			}
		}
		if !resultsOut {
			passed = len(w.CertifiedAt(w.Anchor)) / 8 // about as many as in a year with results
		}
		others := 3*passed + 5
		for _, i := range r.Perm(len(pool)) {
			p := pool[i]
			if others == 0 {
				break
			}
			if p.LeftOn != nil && p.LeftOn.Year <= year || slices.ContainsFunc(byPerson[p.ID], func(c *ent.Certificate) bool { return c.PassedOn.Year <= year }) {
				continue
			}
			others--
			var results []enum.PaperResult
			switch r.IntN(10) {
			case 0: // absent
				results = []enum.PaperResult{{Paper: rules.PaperPractice}, {Paper: rules.PaperComprehensive}}
			case 1, 2, 3: // one paper passed
				results = []enum.PaperResult{{Paper: rules.PaperPractice, Sat: true, Passed: true}, {Paper: rules.PaperComprehensive, Sat: true}}
			default:
				results = all(enum.LevelAssistant, false)
			}
			if !resultsOut {
				results = nil
			}
			add(p, year, enum.LevelAssistant, results, nil)
		}
	}
	if _, err := w.Client.ExamApplication.CreateBulk(creates...).Save(ctx); err != nil {
		return fmt.Errorf("create exam applications: %w", err)
	}
	return nil
}
