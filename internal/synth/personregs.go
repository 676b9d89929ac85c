package synth

import (
	"encoding/json"
	"slices"
	"time"

	"swtalent/ent/schema/enum"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
	"swtalent/internal/facts"
	"swtalent/internal/workforce"
)

var examTable = withKept(table{"exam_applications", []string{"created_at", "updated_at", "demo", "exam_year", "level", "results", "outcome",
	"roles", "exam_application_person"}})

var supervisorLevelTable = table{"supervisor_levels", []string{"created_at", "updated_at", "name", "rank"}}

var supervisorTable = table{"supervisor_qualifications", []string{"created_at", "updated_at", "demo", "granted_on", "granted_by",
	"revoked_on", "supervisor_qualification_person", "supervisor_qualification_level"}}

var rateTable = table{"allowance_rates", []string{"created_at", "updated_at", "demo", "level", "monthly_amount", "effective_from", "effective_to"}}

var paymentTable = withKept(table{"allowance_payments", []string{"created_at", "updated_at", "demo", "month", "amount", "payer", "person_id"}})

// worker is a certified person the generator remembers for the registers written after the
// persons (posts, placements' mentors, experts, recognitions).
type worker struct {
	id    int
	name  string
	spans []workforce.Span
	kept  facts.Kept // the kept facts, for the kept columns of the rows naming the worker
}

// withKept adds the kept columns of the rows naming a person (facts.RowColumns) to a table's
// columns, after the others: the generator writes them as the facts' refresh would.
func withKept(t table) table {
	t.cols = append(t.cols, facts.RowColumns(t.name)...)
	return t
}

// keptPlaceholders are the values of the kept columns of a row before they are known.
func (t table) keptPlaceholders() []any {
	return make([]any, len(facts.RowColumns(t.name)))
}

// setKept sets the kept columns of row i of rows of t (the last columns, see withKept) to those
// of a person with kept facts k (month: the row's month, for a payment).
func (t table) setKept(rows []any, i int, k facts.Kept, month civil.Month) {
	vals := facts.RowValues(t.name, k, month)
	end := (i + 1) * len(t.cols)
	copy(rows[end-len(vals):end], vals)
}

// levelAt is the highest certificate level of a person with the kept spans on day d ("" when
// not certified then): the span covering d.
func levelAt(spans []workforce.Span, d civil.Date) enum.CertificateLevel {
	for _, s := range spans {
		if !s.From.After(d) && (s.Until == nil || s.Until.After(d)) {
			return s.Level
		}
	}
	return ""
}

// poolSize is the number of certified people remembered per county.
const poolSize = 40

// paperSets are the exam results the generator records, by level and kind: every paper passed,
// every paper failed, none sat, and (assistant level) practice passed only.
type paperSets map[string]paperSet

// paperSet is one set of exam results: as stored (JSON), and decoded back from it into the rule's
// terms once (decoding it for every application was 3.5 % of the generator's CPU).
type paperSet struct {
	stored  []byte
	decoded []enum.PaperResult
}

func newPaperSets() (paperSets, error) {
	out := paperSets{}
	for _, level := range []enum.CertificateLevel{enum.LevelAssistant, enum.LevelIntermediate, enum.LevelSenior} {
		for _, kind := range []string{"passed", "failed", "absent", "partial"} {
			var rs []enum.PaperResult
			for i, p := range certrules.Papers(level) {
				switch kind {
				case "passed":
					rs = append(rs, enum.PaperResult{Paper: p, Sat: true, Passed: true})
				case "failed":
					rs = append(rs, enum.PaperResult{Paper: p, Sat: true})
				case "absent":
					rs = append(rs, enum.PaperResult{Paper: p})
				case "partial":
					rs = append(rs, enum.PaperResult{Paper: p, Sat: true, Passed: i == 0})
				}
			}
			b, err := json.Marshal(rs)
			if err != nil {
				return nil, err
			}
			var back []enum.PaperResult
			if err := json.Unmarshal(b, &back); err != nil {
				return nil, err
			}
			out[string(level)+"/"+kind] = paperSet{stored: b, decoded: back}
		}
	}
	return out, nil
}

// results is a stored result set decoded back into the rule's terms; callers must not change it.
func (ps paperSets) results(level enum.CertificateLevel, kind string) []enum.PaperResult {
	return ps[string(level)+"/"+kind].decoded
}

// attempt is one exam application being drawn.
type attempt struct {
	year  int
	level enum.CertificateLevel
	kind  string // passed, failed, absent or partial
	cert  int    // chunk index of the certificate it led to, -1 when none
}

// applications draws a person's exam applications from 2020, oldest first: a passed application
// behind every certificate passed from 2020, linked to it; before an assistant certificate passed
// from 2021 up to three failed attempts in the years before (the last one sometimes with the
// practice paper passed); before an intermediate one, sometimes one; and people without a
// certificate applying in 2023–2025 four times in ten and assistant-level holders trying the
// intermediate level, never passing. Pass rates come out near 40–50 % (nationally 20–30 %, most
// failing applicants not being in the registers). firstCert
// is the chunk index of the person's first certificate.
func (g *gen) applications(c *chunk, pi int, firstCert int, joined civil.Date, left *civil.Date, roles []byte) {
	r := g.rng
	var as []attempt
	for k, h := range c.cur.Certificates {
		y := h.Passed.Year
		if y < 2020 {
			continue
		}
		switch h.Level {
		case enum.LevelAssistant:
			n := min(r.IntN(4), y-2020)
			for j := n; j >= 1; j-- {
				kind := "failed"
				switch x := r.IntN(10); {
				case x == 0:
					kind = "absent"
				case x < 4 && j == 1:
					kind = "partial"
				}
				as = append(as, attempt{y - j, h.Level, kind, -1})
			}
		case enum.LevelIntermediate:
			if y > 2020 && r.IntN(10) < 3 {
				as = append(as, attempt{y - 1, h.Level, "failed", -1})
			}
		}
		as = append(as, attempt{y, h.Level, "passed", firstCert + k})
	}
	// Assistant-level holders trying the intermediate level in 2023–2025, one in four a year.
	for y := 2023; y <= anchor.Year; y++ {
		if !holdsOnly(c.cur.Certificates, enum.LevelAssistant, y) || left != nil && left.Year <= y || r.IntN(4) != 0 {
			continue
		}
		kind := "failed"
		if r.IntN(10) == 0 {
			kind = "absent"
		}
		as = append(as, attempt{y, enum.LevelIntermediate, kind, -1})
	}
	if len(c.cur.Certificates) == 0 {
		for y := 2023; y <= anchor.Year; y++ {
			if joined.Year > y || left != nil && left.Year <= y || r.IntN(10) >= 4 {
				continue
			}
			kind := "failed"
			switch x := r.IntN(10); {
			case x == 0:
				kind = "absent"
			case x < 4:
				kind = "partial"
			}
			as = append(as, attempt{y, enum.LevelAssistant, kind, -1})
		}
	}
	slices.SortStableFunc(as, func(a, b attempt) int { return a.year - b.year })
	seen := map[[2]int]bool{}
	var prev []certrules.Attempt
	for _, a := range as {
		key := [2]int{a.year, a.level.Rank()}
		if seen[key] {
			continue // one application per year and level
		}
		seen[key] = true
		cur := certrules.Attempt{Year: a.year, Level: a.level, Results: g.papers.results(a.level, a.kind)}
		outcome := certrules.Decide(cur, prev)
		prev = append(prev, cur)
		c.apps = append(c.apps, g.now, g.now, true, a.year, string(a.level), g.papers[string(a.level)+"/"+a.kind].stored, string(outcome), roles, nil)
		c.apps = append(c.apps, examTable.keptPlaceholders()...)
		c.appPers = append(c.appPers, pi)
		c.cur.Exams = append(c.cur.Exams, factdata.ExamApplication{Year: a.year, Level: a.level, Outcome: string(outcome)})
		if a.cert >= 0 && outcome == certrules.OutcomePassed {
			c.certApp[a.cert] = len(c.appPers) - 1
		}
	}
}

// holdsOnly reports whether the certificates held, of those passed by the end of year y, are
// all of the level, and there is one.
func holdsOnly(held []factdata.Certificate, level enum.CertificateLevel, y int) bool {
	n := 0
	for _, h := range held {
		if h.Passed.Year > y {
			continue
		}
		if h.Level != level {
			return false
		}
		n++
	}
	return n > 0
}

// supervisor makes one in 15 people certified before mid-2023 a qualified supervisor, granted
// two years after they were first certified (from 2018) by the county's civil-affairs bureau;
// one in twenty of the qualifications is revoked later.
func (g *gen) supervisor(c *chunk, pi int, spans []workforce.Span) {
	r := g.rng
	if len(spans) == 0 || spans[0].From.After(civil.DateFor(2023, time.June, 30)) || r.IntN(15) != 0 {
		return
	}
	from := spans[0].From.AddDate(2, 0, 0)
	if lo := civil.DateFor(2018, time.January, 1); from.Before(lo) {
		from = lo
	}
	if from.After(anchor) {
		return
	}
	granted := between(r, from, anchor)
	level := 0
	switch x := r.IntN(10); {
	case x >= 9:
		level = 2
	case x >= 6:
		level = 1
	}
	var revoked any
	q := factdata.Qualification{Granted: granted}
	if granted.Before(anchor) && r.IntN(20) == 0 {
		rv := between(r, granted.AddDate(0, 0, 1), anchor)
		revoked, q.Revoked = rv, &rv
	}
	c.supers = append(c.supers, g.now, g.now, true, granted, "县民政局", revoked, nil, g.supervisors[level])
	c.superPers = append(c.superPers, pi)
	c.cur.Qualifications = append(c.cur.Qualifications, q)
}

// allowanceFrom and allowanceTo bound the months paid, as in the demo world: July 2024 to
// December 2025.
var allowanceFrom, allowanceTo = civil.Month{Year: 2024, Month: time.July}, civil.Month{Year: 2025, Month: time.December}

// allowanceRaised is the month the assistant rate rises.
var allowanceRaised = civil.Month{Year: 2025, Month: time.July}

// allowance is the monthly professional allowance of a level in a month, in fen, as the rates
// written by writeRates say.
func allowance(level enum.CertificateLevel, m civil.Month) civil.Money {
	switch level {
	case enum.LevelSenior:
		return 50_000
	case enum.LevelIntermediate:
		return 40_000
	}
	if m.Before(allowanceRaised) {
		return 20_000
	}
	return 30_000
}

// rates are the allowance rates: the level, the amount, the months in force.
func rates() [][]any {
	endOld := allowanceRaised.Prev().String()
	return [][]any{
		{string(enum.LevelAssistant), allowance(enum.LevelAssistant, allowanceFrom), allowanceFrom.String(), endOld},
		{string(enum.LevelAssistant), allowance(enum.LevelAssistant, allowanceRaised), allowanceRaised.String(), nil},
		{string(enum.LevelIntermediate), allowance(enum.LevelIntermediate, allowanceFrom), allowanceFrom.String(), nil},
		{string(enum.LevelSenior), allowance(enum.LevelSenior, allowanceFrom), allowanceFrom.String(), nil},
	}
}

// payments pays a community worker of a paying county the allowance of each month from
// allowanceFrom at whose end they are certified, at their highest level's rate; one month in
// fifty is missed.
func (g *gen) payments(c *chunk, pi int, spans []workforce.Span) {
	payer := "COUNTY"
	if g.rng.IntN(3) == 0 {
		payer = "TOWNSHIP"
	}
	for m := allowanceFrom; !m.After(allowanceTo); m = m.Next() {
		level := levelAt(spans, m.Last())
		if level == "" || g.rng.IntN(50) == 0 {
			continue
		}
		c.pays = append(c.pays, g.now, g.now, true, m.String(), allowance(level, m), payer, nil)
		c.pays = append(c.pays, paymentTable.keptPlaceholders()...)
		c.payPers = append(c.payPers, pi)
		c.payMonth = append(c.payMonth, m)
	}
}

// supervisorLevels are the supervisor levels, lowest first.
var supervisorLevels = []string{"初级督导", "中级督导", "高级督导"}
