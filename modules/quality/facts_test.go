package quality

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
	"swtalent/ent/person"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/ent/training"
	"swtalent/ent/trainingrecord"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/internal/facts/factstest"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
	"swtalent/internal/validate"
	"swtalent/modules"
)

// keptIndicators are the indicators measured from kept facts, each compared with its reference.
var keptIndicators = []string{"continuing_education_compliance_rate", "training_hours_per_certified_worker", "leaders_trained",
	"qualified_supervisors"}

// factWorld is a small register the kept-facts property test writes to at random: persons in a
// few regions with certificates, registrations, trainings, training records and supervisor
// qualifications.
type factWorld struct {
	t       testing.TB
	ctx     context.Context
	db      *store.DB
	m       *Module
	rng     *rand.Rand
	seq     int
	regions []*ent.Region
	level   *ent.SupervisorLevel // the level of every supervisor qualification
	codes   []string             // region scopes to measure in: "" and every region, plus one nobody works in
	days    []civil.Date         // dates written, to measure on, the day before and the day after
	nonzero map[string]int       // comparisons per indicator whose reference was above 0
}

func newFactWorld(t testing.TB, seed uint64) *factWorld {
	db := testdb.Open(t)
	w := &factWorld{t: t, ctx: privacy.DecisionContext(context.Background(), privacy.Allow), db: db,
		rng: rand.New(rand.NewPCG(seed, 20)), nonzero: map[string]int{}}
	w.m = New(modules.Config{Client: db.Client, TopRegion: "361126000000", Today: func() civil.Date { return civil.DateFor(2026, 1, 15) }})
	county := w.region("361126000000", region.KindCOUNTY, nil)
	town := w.region("361126101000", region.KindTOWN, county)
	w.region("361126101201", region.KindVILLAGE, town)
	w.region("361126102000", region.KindTOWN, county)
	w.codes = []string{"", "361126103000"}
	for _, r := range w.regions {
		w.codes = append(w.codes, r.Code)
	}
	var err error
	if w.level, err = db.Client.SupervisorLevel.Create().SetName("初级督导").Save(w.ctx); err != nil {
		t.Fatalf("create supervisor level: %v", err)
	}
	return w
}

func (w *factWorld) region(code string, kind region.Kind, parent *ent.Region) *ent.Region {
	c := w.db.Client.Region.Create().SetCode(code).SetName("区划" + code[6:9]).SetKind(kind)
	if parent != nil {
		c.SetParent(parent)
	}
	r, err := c.Save(w.ctx)
	if err != nil {
		w.t.Fatalf("create region %s: %v", code, err)
	}
	w.regions = append(w.regions, r)
	return r
}

// date draws a day from 2015 to 2026: often a month end, 29 February or next to a day drawn
// before; it is remembered as a day to measure on.
func (w *factWorld) date() civil.Date {
	var d civil.Date
	switch k := w.rng.IntN(6); {
	case k == 0:
		d = civil.DateFor([]int{2016, 2020, 2024}[w.rng.IntN(3)], time.February, 29)
	case k == 1:
		d = civil.MonthOf(civil.DateFor(2015, 1, 1)).AddMonths(w.rng.IntN(12 * 12)).Last()
	case k == 2 && len(w.days) > 0:
		d = w.days[w.rng.IntN(len(w.days))].AddDays(w.rng.IntN(3) - 1)
	default:
		d = civil.DateFor(2015, time.January, 1).AddDays(w.rng.IntN(12 * 365))
	}
	d = earlier(d, lastWritten)
	w.days = append(w.days, d)
	return d
}

// lastWritten is the latest day the test writes: the registers refuse dates in the future.
var lastWritten = civil.DateFor(2026, time.November, 30)

// earlier returns the earlier of two days.
func earlier(a, b civil.Date) civil.Date {
	if a.After(b) {
		return b
	}
	return a
}

// after draws a day on or after d, up to four years later.
func (w *factWorld) after(d civil.Date) civil.Date {
	e := earlier(d.AddDays(w.rng.IntN(4*365)), lastWritten)
	w.days = append(w.days, e)
	return e
}

func (w *factWorld) idNumber() string {
	w.seq++
	if w.seq >= 1000 {
		w.t.Fatal("too many persons")
	}
	first17 := fmt.Sprintf("36112619900101%03d", w.seq)
	return first17 + string(validate.IDCheckChar(first17))
}

// pickID returns the id of a random row, false when there is none.
func pickID[T any](w *factWorld, xs []T, id func(T) int) (int, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	return id(xs[w.rng.IntN(len(xs))]), true
}

// step makes one random write through c (the database's client or a transaction's).
func (w *factWorld) step(c *ent.Client) (string, error) {
	ctx := w.ctx
	persons := c.Person.Query().Order(ent.Asc("id")).AllX(ctx)
	certs := c.Certificate.Query().Order(ent.Asc("id")).AllX(ctx)
	trainings := c.Training.Query().Order(ent.Asc("id")).AllX(ctx)
	records := c.TrainingRecord.Query().WithPerson().Order(ent.Asc("id")).AllX(ctx)
	regs := c.CertificateRegistration.Query().WithCertificate().Order(ent.Asc("id")).AllX(ctx)
	personID := func(p *ent.Person) int { return p.ID }
	switch w.rng.IntN(18) {
	case 0: // a new person
		pc := c.Person.Create().SetName("张三").SetIDNumber(w.idNumber())
		if i := w.rng.IntN(len(w.regions) + 1); i < len(w.regions) {
			pc.SetRegion(w.regions[i])
		}
		if w.rng.IntN(3) == 0 {
			pc.SetSocialWorkDegree(person.SocialWorkDegreeCOMPLETED)
		}
		return "create person", pc.Exec(ctx)
	case 1, 2: // a new certificate
		h, ok := pickID(w, persons, personID)
		if !ok {
			return "", nil
		}
		w.seq++
		passed := w.date()
		cc := c.Certificate.Create().SetNumber(fmt.Sprintf("%018d", 202300000000000000+w.seq)).
			SetLevel([]enum.CertificateLevel{enum.LevelAssistant, enum.LevelIntermediate, enum.LevelSenior}[w.rng.IntN(3)]).
			SetPassedOn(passed).SetHolderID(h)
		if w.rng.IntN(5) == 0 {
			cc.SetRevokedOn(w.after(passed))
		}
		return "create certificate", cc.Exec(ctx)
	case 3, 4: // a registration, often the first one when due, or a renewal when the last ends
		if len(certs) == 0 {
			return "", nil
		}
		x := certs[w.rng.IntN(len(certs))]
		on := certrules.FirstDue(x.PassedOn).AddDays(w.rng.IntN(60) - 50)
		kind := certificateregistration.KindFIRST
		n := c.CertificateRegistration.Query().Where(certificateregistration.HasCertificateWith(certificate.ID(x.ID))).CountX(ctx)
		if n > 0 {
			kind = certificateregistration.KindRENEWAL
			on = certrules.FirstDue(x.PassedOn).AddYears(3 * n).AddDays(w.rng.IntN(120) - 100)
		}
		if w.rng.IntN(5) == 0 {
			on = w.date()
		}
		w.days = append(w.days, on, certrules.ValidUntil(on), certrules.ValidUntil(on).AddDays(1))
		status := certificateregistration.StatusISSUED
		if w.rng.IntN(4) == 0 {
			status = []certificateregistration.Status{certificateregistration.StatusPENDING,
				certificateregistration.StatusFINAL_REVIEW_PASSED, certificateregistration.StatusFINAL_REVIEW_REJECTED}[w.rng.IntN(3)]
		}
		rc := c.CertificateRegistration.Create().SetCertificateID(x.ID).SetKind(kind).SetStatus(status).SetRegisteredOn(on)
		if w.rng.IntN(2) == 0 {
			rc.SetValidUntil(certrules.ValidUntil(on))
		}
		return "create registration", rc.Exec(ctx)
	case 5: // a registration's status or date corrected, or a registration deleted
		if len(regs) == 0 {
			return "", nil
		}
		r := regs[w.rng.IntN(len(regs))]
		switch w.rng.IntN(3) {
		case 0:
			return "delete registration", c.CertificateRegistration.DeleteOneID(r.ID).Exec(ctx)
		case 1:
			return "registration status", c.CertificateRegistration.UpdateOneID(r.ID).
				SetStatus([]certificateregistration.Status{certificateregistration.StatusISSUED, certificateregistration.StatusPENDING}[w.rng.IntN(2)]).Exec(ctx)
		}
		on := w.date()
		return "registration date", c.CertificateRegistration.UpdateOneID(r.ID).SetRegisteredOn(on).SetValidUntil(certrules.ValidUntil(on)).Exec(ctx)
	case 6: // a new training
		ends := w.date()
		kind := []training.Kind{training.KindCONTINUING_EDUCATION, training.KindLEADER_SEMINAR, training.KindPARTY_SCHOOL_COURSE,
			training.KindBUSINESS_TRAINING}[w.rng.IntN(4)]
		return "create training", c.Training.Create().SetName("培训").SetKind(kind).
			SetStartsOn(ends.AddDays(-w.rng.IntN(10))).SetEndsOn(ends).SetHours(8 * (1 + w.rng.IntN(5))).Exec(ctx)
	case 7, 8, 9: // attendance: records of one or several persons
		t, ok := pickID(w, trainings, func(t *ent.Training) int { return t.ID })
		if !ok || len(persons) == 0 {
			return "", nil
		}
		has := map[int]bool{}
		for _, id := range c.Person.Query().Where(person.HasTrainingRecordsWith(trainingrecord.HasTrainingWith(training.ID(t)))).IDsX(ctx) {
			has[id] = true
		}
		var bulk []*ent.TrainingRecordCreate
		for range 1 + w.rng.IntN(3) {
			p := persons[w.rng.IntN(len(persons))].ID
			if has[p] {
				continue
			}
			has[p] = true
			status := trainingrecord.StatusCOMPLETED
			if w.rng.IntN(4) == 0 {
				status = []trainingrecord.Status{trainingrecord.StatusENROLLED, trainingrecord.StatusFAILED}[w.rng.IntN(2)]
			}
			bulk = append(bulk, c.TrainingRecord.Create().SetTrainingID(t).SetPersonID(p).
				SetStatus(status).SetHours([]int{0, 8, 24, 40, 72, 90}[w.rng.IntN(6)]))
		}
		if len(bulk) == 0 {
			return "", nil
		}
		return "record attendance", c.TrainingRecord.CreateBulk(bulk...).Exec(ctx)
	case 10: // a training's end date or kind corrected: every participant's facts move
		if len(trainings) == 0 {
			return "", nil
		}
		t := trainings[w.rng.IntN(len(trainings))]
		if w.rng.IntN(3) == 0 {
			return "training kind", c.Training.UpdateOneID(t.ID).
				SetKind([]training.Kind{training.KindCONTINUING_EDUCATION, training.KindLEADER_SEMINAR}[w.rng.IntN(2)]).Exec(ctx)
		}
		ends := w.date()
		return "training end date", c.Training.UpdateOneID(t.ID).SetStartsOn(ends).SetEndsOn(ends).Exec(ctx)
	case 11: // a record's status or hours corrected, or the record deleted
		if len(records) == 0 {
			return "", nil
		}
		r := records[w.rng.IntN(len(records))]
		switch w.rng.IntN(3) {
		case 0:
			return "delete record", c.TrainingRecord.DeleteOneID(r.ID).Exec(ctx)
		case 1:
			return "record hours", c.TrainingRecord.UpdateOneID(r.ID).SetHours(8 * w.rng.IntN(12)).Exec(ctx)
		}
		return "record status", c.TrainingRecord.UpdateOneID(r.ID).
			SetStatus([]trainingrecord.Status{trainingrecord.StatusCOMPLETED, trainingrecord.StatusFAILED}[w.rng.IntN(2)]).Exec(ctx)
	case 12: // revoke, withdraw a revocation, or correct a pass date
		if len(certs) == 0 {
			return "", nil
		}
		x := certs[w.rng.IntN(len(certs))]
		switch {
		case x.RevokedOn != nil && w.rng.IntN(2) == 0:
			return "withdraw revocation", c.Certificate.UpdateOneID(x.ID).ClearRevokedOn().Exec(ctx)
		case w.rng.IntN(2) == 0:
			return "revoke", c.Certificate.UpdateOneID(x.ID).SetRevokedOn(w.after(x.PassedOn)).Exec(ctx)
		}
		passed := w.date()
		if x.RevokedOn != nil && passed.After(*x.RevokedOn) {
			passed = *x.RevokedOn
		}
		return "change pass date", c.Certificate.UpdateOneID(x.ID).SetPassedOn(passed).Exec(ctx)
	case 13: // a move, a departure or a return, a degree completed or withdrawn
		p, ok := pickID(w, persons, personID)
		if !ok {
			return "", nil
		}
		switch w.rng.IntN(4) {
		case 0:
			if i := w.rng.IntN(len(w.regions) + 1); i < len(w.regions) {
				return "move person", c.Person.UpdateOneID(p).SetRegion(w.regions[i]).Exec(ctx)
			}
			return "clear workplace", c.Person.UpdateOneID(p).ClearRegion().Exec(ctx)
		case 1:
			return "person departs", c.Person.UpdateOneID(p).SetLeftOn(w.date()).Exec(ctx)
		case 2:
			return "person returns", c.Person.UpdateOneID(p).ClearLeftOn().Exec(ctx)
		}
		deg := []person.SocialWorkDegree{person.SocialWorkDegreeCOMPLETED, person.SocialWorkDegreeNONE}[w.rng.IntN(2)]
		return "degree", c.Person.UpdateOneID(p).SetSocialWorkDegree(deg).Exec(ctx)
	case 14: // a certificate entered by mistake, with its registrations
		if len(certs) == 0 {
			return "", nil
		}
		x := certs[w.rng.IntN(len(certs))]
		if _, err := c.CertificateRegistration.Delete().Where(certificateregistration.HasCertificateWith(certificate.ID(x.ID))).Exec(ctx); err != nil {
			return "delete certificate", err
		}
		return "delete certificate", c.Certificate.DeleteOneID(x.ID).Exec(ctx)
	case 16, 17: // a supervisor qualification granted, revoked (or the revocation withdrawn), its
		// grant date corrected, or deleted; and with case 13, its holder moved, departed or returned
		if w.rng.IntN(2) == 0 {
			if what, ok, err := factstest.ChangeQualification(ctx, c, w.rng, w.date, w.after); ok {
				return what, err
			}
		}
		p, ok := pickID(w, persons, personID)
		if !ok {
			return "", nil
		}
		granted := w.date()
		qc := c.SupervisorQualification.Create().SetPersonID(p).SetLevel(w.level).SetGrantedOn(granted)
		if w.rng.IntN(4) == 0 {
			qc.SetRevokedOn(w.after(granted))
		}
		return "grant qualification", qc.Exec(ctx)
	default: // a training cancelled, with its records
		if len(trainings) == 0 {
			return "", nil
		}
		t := trainings[w.rng.IntN(len(trainings))]
		if _, err := c.TrainingRecord.Delete().Where(trainingrecord.HasTrainingWith(training.ID(t.ID))).Exec(ctx); err != nil {
			return "delete training", err
		}
		return "delete training", c.Training.DeleteOneID(t.ID).Exec(ctx)
	}
}

// compare measures the kept indicators and their references on random days and the days around
// those written, in every region scope, and fails on any difference.
func (w *factWorld) compare(after string) {
	w.t.Helper()
	days := []civil.Date{civil.DateFor(2014, time.December, 31), civil.DateFor(2025, time.December, 31), civil.DateFor(2026, time.June, 30)}
	for range 5 {
		if len(w.days) > 0 {
			b := w.days[w.rng.IntN(len(w.days))]
			days = append(days, b.AddDays(-1), b, b.AddDays(1), b.AddYears(1), b.AddYears(1).AddDays(1))
		}
	}
	measures := map[string]modules.Indicator{}
	for _, ind := range w.m.Indicators() {
		measures[ind.Key] = ind
	}
	for _, key := range keptIndicators {
		kept, ref := measures[key].Measure, w.m.Reference(key)
		if kept == nil || ref == nil {
			w.t.Fatalf("%s: no measure or no reference", key)
		}
		for _, d := range days {
			for _, code := range w.codes {
				at := modules.Scope{AsOf: d, RegionCode: code}
				got, err := kept(w.ctx, at)
				if err != nil {
					w.t.Fatalf("%s kept: %v", key, err)
				}
				want, err := ref(w.ctx, at)
				if err != nil {
					w.t.Fatalf("%s reference: %v", key, err)
				}
				if want != nil && *want > 0 {
					w.nonzero[key]++
				}
				if (got == nil) != (want == nil) || got != nil && *got != *want {
					w.t.Fatalf("after %s: %s at %s in %q: kept %v, reference %v", after, key, d, code, factstest.Show(got), factstest.Show(want))
				}
			}
		}
	}
}

// The four quality indicators measured from kept facts equal their definitional measures after
// random sequences of writes — persons, certificates, registrations, trainings, training records,
// supervisor qualifications, their corrections (end dates, kinds, statuses, hours, pass dates, revocations, moves,
// departures, degrees) and deletions, some inside transactions that commit and some that roll
// back — on random days and around each day written, in every region scope.
func TestKeptQualityIndicatorsMatchReference(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			w := newFactWorld(t, seed)
			factstest.Writes(t, w.ctx, w.db.Client, w.rng, 160, w.step, w.compare)
			for _, key := range keptIndicators {
				if w.nonzero[key] == 0 {
					t.Errorf("%s was never above 0: the random writes do not exercise it", key)
				}
			}
			t.Logf("comparisons above 0: %v", w.nonzero)
		})
	}
}
