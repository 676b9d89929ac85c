package rules_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"swtalent/ent/schema/enum"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
	"swtalent/internal/workforce"
	"swtalent/modules"
	"swtalent/modules/quality/rules"
)

// The span rules are checked against the definitions they stand for on every day of
// [firstDay, lastDay]: the definitions are the existing code ([rules.Highest] and [rules.StatusAt] for
// compliance, [workforce.Spans] for "certified", [modules.Scope.YearWindow] for the 12 months),
// evaluated day by day, so a breakpoint the span rules miss shows up as a day that differs.
var (
	firstDay = date("2014-01-01")
	lastDay  = date("2031-12-31")
)

// yearWindow is the window the training indicators measure, the module's own definition.
func yearWindow(d civil.Date) (civil.Date, civil.Date) { return modules.Scope{AsOf: d}.YearWindow() }

// randomPerson is a person with random certificates, registrations, credits, degree and
// departure, their dates drawn so that they often fall on one another, on month ends, on
// 29 February and on the days the rules turn (a first registration's due date, a registration's
// last day, the day after).
type randomPerson struct {
	edu    rules.Education
	left   *civil.Date
	done   []rules.Done
	leader []civil.Date
	quals  []factdata.Qualification
}

func (p randomPerson) String() string {
	s := fmt.Sprintf("degree %v on %v, left %v\n", p.edu.Degree, p.edu.DegreeOn, p.left)
	for _, h := range p.edu.Holdings {
		s += fmt.Sprintf("  cert %d %s passed %s revoked %v\n", h.ID, h.Level, h.PassedOn, h.RevokedOn)
		for _, r := range h.Registrations {
			s += fmt.Sprintf("    reg %s %s %s..%s\n", r.Kind, r.Status, r.RegisteredOn, r.ValidUntil)
		}
	}
	s += fmt.Sprintf("  credits %v\n  done %v\n  leader %v", p.edu.Credits, p.done, p.leader)
	for _, q := range p.quals {
		s += fmt.Sprintf("\n  qualification granted %s revoked %v", q.Granted, q.Revoked)
	}
	return s
}

// dates draws the random dates of one person.
type dates struct {
	r    *rand.Rand
	seen []civil.Date
}

// pick returns a day: a random one in 2015–2029, a month end or 29 February, or a day next to
// one drawn before.
func (g *dates) pick() civil.Date {
	var d civil.Date
	switch k := g.r.IntN(10); {
	case k < 4 || len(g.seen) == 0:
		d = date("2015-01-01").AddDays(g.r.IntN(15 * 365))
	case k < 6:
		m := civil.MonthOf(date("2015-01-01")).AddMonths(g.r.IntN(15 * 12))
		d = m.Last()
		if g.r.IntN(3) == 0 {
			d = civil.DateFor([]int{2016, 2020, 2024, 2028}[g.r.IntN(4)], 2, 29)
		}
	default:
		d = g.seen[g.r.IntN(len(g.seen))].AddDays(g.r.IntN(3) - 1)
	}
	g.seen = append(g.seen, d)
	return d
}

// note remembers days the rules turn on, so that later draws fall next to them.
func (g *dates) note(ds ...civil.Date) { g.seen = append(g.seen, ds...) }

func newRandomPerson(r *rand.Rand) randomPerson {
	g := &dates{r: r}
	var p randomPerson
	levels := []enum.CertificateLevel{enum.LevelAssistant, enum.LevelIntermediate, enum.LevelSenior, enum.LevelAssistant, "MASTER"}
	statuses := certrules.RegistrationStatus("").Values()
	for i := range 1 + r.IntN(3) {
		h := rules.Holding{Cert: rules.Cert{ID: i + 1, Level: levels[r.IntN(len(levels))], PassedOn: g.pick()}}
		g.note(certrules.FirstDue(h.PassedOn), certrules.FirstDue(h.PassedOn).AddDays(1))
		if r.IntN(3) == 0 {
			rev := h.PassedOn.AddDays(r.IntN(3000))
			if r.IntN(4) == 0 {
				rev = g.pick()
			}
			h.RevokedOn = &rev
		}
		on := certrules.FirstDue(h.PassedOn).AddDays(r.IntN(120) - 100)
		for k := range r.IntN(4) {
			reg := certrules.Registration{Kind: certrules.KindFirst, Status: certrules.StatusIssued, RegisteredOn: on}
			if k > 0 {
				reg.Kind = certrules.KindRenewal
			}
			if r.IntN(3) == 0 {
				reg.Status = certrules.RegistrationStatus(statuses[r.IntN(len(statuses))])
			}
			switch r.IntN(8) {
			case 0:
				reg.RegisteredOn = civil.Date{}
			case 1:
				reg.RegisteredOn = g.pick()
			}
			end := certrules.ValidUntil(on)
			if r.IntN(3) == 0 {
				end = end.AddDays(r.IntN(60) - 30)
				reg.ValidUntil = end
			}
			if !reg.RegisteredOn.IsZero() {
				g.note(reg.RegisteredOn, end, end.AddDays(1))
			}
			h.Registrations = append(h.Registrations, reg)
			on = end.AddDays(r.IntN(200) - 120)
		}
		p.edu.Holdings = append(p.edu.Holdings, h)
	}
	for range r.IntN(8) {
		c := rules.Credit{On: g.pick(), Hours: []int{0, 8, 16, 24, 40, 40, 72, 90}[r.IntN(8)]}
		p.edu.Credits = append(p.edu.Credits, c)
		p.done = append(p.done, rules.Done{EndsOn: c.On, Hours: c.Hours})
		if r.IntN(3) == 0 {
			p.leader = append(p.leader, c.On)
		}
	}
	if r.IntN(3) == 0 {
		p.edu.Degree = true
		if r.IntN(2) == 0 {
			d := g.pick()
			p.edu.DegreeOn = &d
		}
	}
	if r.IntN(3) == 0 {
		l := g.pick()
		p.left = &l
	}
	// Supervisor qualifications, drawn last so that the draws above stay the seed's: often
	// revoked, sometimes on the day granted or (a correction) before it.
	for range r.IntN(4) {
		q := factdata.Qualification{Granted: g.pick()}
		if r.IntN(2) == 0 {
			rev := q.Granted.AddDays(r.IntN(2000))
			if r.IntN(4) == 0 {
				rev = g.pick()
			}
			q.Revoked = &rev
		}
		p.quals = append(p.quals, q)
	}
	return p
}

// certified is the person's certified intervals: the kept certified fact's rule.
func (p randomPerson) certified() []rules.Interval {
	held := make([]workforce.Held, len(p.edu.Holdings))
	for i, h := range p.edu.Holdings {
		held[i] = workforce.Held{Level: h.Level, Passed: h.PassedOn, Revoked: h.RevokedOn}
	}
	var out []rules.Interval
	for _, s := range workforce.Spans(held, p.left) {
		out = append(out, rules.Interval{From: s.From, Until: s.Until})
	}
	return out
}

// sumAt is a count's value on day from spans: the sum of the weights of those containing day.
func sumAt(spans []rules.Span, day civil.Date) int {
	n := 0
	for _, s := range spans {
		if s.Contains(day) {
			n += s.Weight
		}
	}
	return n
}

// checkShape fails on an empty or backwards span, or one of weight 0.
func checkShape(t *testing.T, what string, spans []rules.Span) {
	t.Helper()
	for _, s := range spans {
		if s.Weight == 0 || s.Until != nil && !s.From.Before(*s.Until) {
			t.Fatalf("%s: malformed span %+v", what, s)
		}
	}
}

// eachDay compares, for many random persons, a span rule's spans with its definition on every
// day of [firstDay, lastDay], failing on the first day where they disagree. rate gives a person's
// spans and the definition's value on a day.
func eachDay(t *testing.T, what string, rate func(p randomPerson) ([]rules.Span, func(civil.Date) int)) (spans int) {
	t.Helper()
	r := rand.New(rand.NewPCG(20, 26))
	for i := range persons() {
		p := newRandomPerson(r)
		got, want := rate(p)
		checkShape(t, what, got)
		spans += len(got)
		for day := firstDay; !day.After(lastDay); day = day.AddDays(1) {
			if g, w := sumAt(got, day), want(day); g != w {
				t.Fatalf("%s: person %d on %s: spans give %d, the definition %d\nspans %v\n%s", what, i, day, g, w, got, p)
			}
		}
	}
	return spans
}

// persons is how many random persons each exhaustive test rates.
func persons() int {
	if testing.Short() {
		return 60
	}
	return 400
}

// CompliantSpans holds on exactly the days on which the person is certified and the highest
// current certificate's status is Compliant.
func TestCompliantSpansEveryDay(t *testing.T) {
	n := eachDay(t, "compliant", func(p randomPerson) ([]rules.Span, func(civil.Date) int) {
		cert := p.certified()
		certs := make([]rules.Cert, len(p.edu.Holdings))
		for i, h := range p.edu.Holdings {
			certs[i] = h.Cert
		}
		return rules.CompliantSpans(p.edu, cert), func(day civil.Date) int {
			if !inAny(cert, day) {
				return 0
			}
			best, ok := rules.Highest(certs, day)
			if !ok {
				return 0
			}
			h := p.edu.Holdings[best.ID-1]
			if rules.StatusAt(h.Level, h.PassedOn, h.Registrations, p.edu.Credits, p.edu.Degree, p.edu.DegreeOn, day).Compliant {
				return 1
			}
			return 0
		}
	})
	if n == 0 {
		t.Fatal("no random person was ever compliant")
	}
}

// TrainingHourSpans sum on each day to the hours of the records ended in the day's 12 months,
// while the person is certified.
func TestTrainingHourSpansEveryDay(t *testing.T) {
	eachDay(t, "hours", func(p randomPerson) ([]rules.Span, func(civil.Date) int) {
		cert := p.certified()
		return rules.TrainingHourSpans(yearWindow, p.done, cert), func(day civil.Date) int {
			if !inAny(cert, day) {
				return 0
			}
			from, to := yearWindow(day)
			n := 0
			for _, r := range p.done {
				if !r.EndsOn.Before(from) && !r.EndsOn.After(to) {
					n += r.Hours
				}
			}
			return n
		}
	})
}

// TrainedSpans hold, with weight 1 and never overlapping, on the days whose 12 months contain
// one of the end dates.
func TestTrainedSpansEveryDay(t *testing.T) {
	eachDay(t, "trained", func(p randomPerson) ([]rules.Span, func(civil.Date) int) {
		return rules.TrainedSpans(yearWindow, p.leader), func(day civil.Date) int {
			from, to := yearWindow(day)
			for _, on := range p.leader {
				if !on.Before(from) && !on.After(to) {
					return 1
				}
			}
			return 0
		}
	})
}

// QualifiedSpans hold, with weight 1 and never overlapping, on the days on which the person is in
// the workforce and holds a qualification granted on or before the day and not revoked by it.
func TestQualifiedSpansEveryDay(t *testing.T) {
	n := eachDay(t, "qualified", func(p randomPerson) ([]rules.Span, func(civil.Date) int) {
		return rules.QualifiedSpans(p.quals, p.left), func(day civil.Date) int {
			if p.left != nil && !day.Before(*p.left) {
				return 0
			}
			for _, q := range p.quals {
				if !day.Before(q.Granted) && (q.Revoked == nil || day.Before(*q.Revoked)) {
					return 1
				}
			}
			return 0
		}
	})
	if n == 0 {
		t.Fatal("no random person was ever qualified")
	}
}

// Reach agrees with the window on the days around 29 February and month ends.
func TestReach(t *testing.T) {
	tests := []struct{ on, from, until string }{
		{"2024-02-29", "2024-02-29", "2025-03-01"}, // 2025-02-28's 12 months begin 2024-02-29
		{"2024-02-28", "2024-02-28", "2025-02-28"},
		{"2023-03-01", "2023-03-01", "2024-03-01"}, // 2024-02-29's 12 months begin 2023-03-01
		{"2023-02-28", "2023-02-28", "2024-02-28"},
		{"2024-12-31", "2024-12-31", "2025-12-31"},
	}
	for _, tt := range tests {
		from, until := rules.Reach(yearWindow, date(tt.on))
		if from != date(tt.from) || until != date(tt.until) {
			t.Errorf("Reach(%s) = [%s, %s), want [%s, %s)", tt.on, from, until, tt.from, tt.until)
		}
	}
}

// inAny reports whether day lies in one of the intervals.
func inAny(ins []rules.Interval, day civil.Date) bool {
	for _, i := range ins {
		if i.Contains(day) {
			return true
		}
	}
	return false
}

// Holdings not stored yet (ID 0, as the generator computes facts before it writes) are rated
// each with its own registrations: the highest is found by position, not by ID.
func TestStatusOnUnstoredHoldings(t *testing.T) {
	passed := date("2020-03-01")
	e := rules.Education{
		Holdings: []rules.Holding{
			{Cert: rules.Cert{Level: enum.LevelAssistant, PassedOn: date("2018-03-01")}},
			{Cert: rules.Cert{Level: enum.LevelIntermediate, PassedOn: passed},
				Registrations: []certrules.Registration{reg(certrules.KindFirst, certrules.StatusIssued, "2020-06-01")}},
		},
		Credits: []rules.Credit{{On: date("2021-01-01"), Hours: 80}},
	}
	i, s, ok := e.StatusOn(date("2021-06-01"))
	if !ok || i != 1 || s.Required != 90 || s.Cycle != cycle("2020-06-01", "2023-05-31") || s.Compliant {
		t.Fatalf("got holding %d, %+v (ok %v), want the intermediate certificate's cycle, 80 of 90 hours", i, s, ok)
	}
}
