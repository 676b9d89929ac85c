package synth

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/schema/enum"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
	"swtalent/internal/facts"
	"swtalent/internal/refdata"
	"swtalent/internal/validate"
	"swtalent/internal/workforce"
)

var personTable = table{"persons", []string{"created_at", "updated_at", "demo", "name", "id_number", "id_number_hash", "gender",
	"birth_date", "phone", "phone_hash", "education", "social_work_degree", "roles", "joined_on", "left_on", "region_id",
	"person_employer", "person_service_point"}}

var certificateTable = table{"certificates", []string{"created_at", "updated_at", "demo", "number", "level", "passed_on",
	"revoked_on", "registration_due_on", "holder_id", "exam_application_certificate"}}

var registrationTable = table{"certificate_registrations", []string{"created_at", "updated_at", "demo", "kind", "status",
	"registered_on", "valid_until", "certificate_registrations"}}

var recordTable = table{"training_records", []string{"created_at", "updated_at", "demo", "hours", "status",
	"training_record_person", "training_record_training"}}

// spanTable is the kept fact spans (package facts), written with their persons.
var spanTable = func() table {
	name, cols := facts.SpanTable()
	return table{name, cols}
}()

// personChunk is the number of persons written (with their certificates, registrations and
// training records) per round.
const personChunk = 2000

// birthDays is the range of birth dates: 1960-01-01 to 2003-12-31.
var birthFrom, birthDays = civil.DateFor(1960, time.January, 1), 16071

// idSpace is the number of distinct (birth date, sequence) pairs; person i gets pair
// (i·idStep + idOffset) mod idSpace, a bijection when idStep is coprime to idSpace, so ID
// numbers never repeat.
var idSpace = birthDays * 1000

// writePersons writes the people with their certificates, registrations, training records, exam
// applications, supervisor qualifications and allowance payments (in three of ten counties and
// the reference county, which pays in the demo world), after the supervisor levels and the
// allowance rates they refer to.
func (g *gen) writePersons(ctx context.Context) error {
	n := g.opt.Shape.Persons
	if n > idSpace {
		return fmt.Errorf("at most %d persons", idSpace)
	}
	if err := g.writeLevelsAndRates(ctx); err != nil {
		return err
	}
	top, err := refdata.TopRegionCode()
	if err != nil {
		return err
	}
	g.paying = make([]bool, len(g.counties))
	for ci, c := range g.counties {
		g.paying[ci] = c.code == top || g.rng.IntN(10) < 3
	}
	g.pool = make([][]worker, len(g.counties))
	if g.papers, err = newPaperSets(); err != nil {
		return err
	}
	step := 1_000_003 + 2*g.rng.IntN(1000)
	for gcd(step, idSpace) != 1 {
		step += 2
	}
	offset := g.rng.IntN(idSpace)
	// One goroutine draws the chunks (it alone uses the random source, so the dataset stays
	// the seed's) while this one writes the previous chunk: encryption and drawing run on the
	// second core beside SQLite.
	// (The writer keeps ctx: a transaction begun with a context is rolled back when it is
	// cancelled.)
	dctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan *chunk, 1)
	drawn := make(chan error, 1)
	go func() {
		defer close(chunks)
		var certSeq int
		for from := 0; from < n; from += personChunk {
			size := min(personChunk, n-from)
			c := &chunk{}
			for i := from; i < from+size; i++ {
				if err := g.person(c, (i*step+offset)%idSpace, &certSeq); err != nil {
					drawn <- err
					return
				}
			}
			select {
			case chunks <- c:
			case <-dctx.Done():
				return
			}
		}
		drawn <- nil
	}()
	tally := facts.Tally{}
	for c := range chunks {
		if err := g.writeChunk(ctx, c, tally); err != nil {
			cancel()
			for range chunks { // wait for the drawing goroutine to stop
			}
			return err
		}
	}
	select {
	case err := <-drawn:
		if err != nil {
			return err
		}
	default:
		return dctx.Err() // cancelled before the last chunk was drawn
	}
	// The kept deltas of every person's spans, summed over the whole run; then the kept region
	// facts of the villages and townships, from their points and their people's spans.
	if err := facts.WriteDeltas(ctx, g.b.tx, entsql.Dialect(g.b.dialect), tally); err != nil {
		return err
	}
	spans, _, err := facts.WriteRegions(ctx, g.b.tx, entsql.Dialect(g.b.dialect), g.regionFacts)
	g.b.rows[facts.RegionTable] += spans
	g.regionFacts = nil
	return err
}

// writeLevelsAndRates writes the supervisor levels and the allowance rates.
func (g *gen) writeLevelsAndRates(ctx context.Context) error {
	var rows []any
	for i, name := range supervisorLevels {
		rows = append(rows, g.now, g.now, name, i+1)
	}
	ids, err := g.b.insert(ctx, supervisorLevelTable, rows)
	if err != nil {
		return err
	}
	g.supervisors = ids
	rows = rows[:0]
	for _, r := range rates() {
		rows = append(rows, g.now, g.now, true)
		rows = append(rows, r...)
	}
	_, err = g.b.insert(ctx, rateTable, rows)
	return err
}

// chunk holds one round of rows; certificates, registrations and records point to their
// parents by index within the chunk until the parents' ids are known.
type chunk struct {
	persons   []any
	county    []int32 // county index per person
	certs     []any
	holder    []int // person index per certificate
	certApp   []int // exam application index per certificate, -1 when none
	apps      []any
	appPers   []int // person index per exam application
	supers    []any
	superPers []int // person index per supervisor qualification
	pays      []any
	payPers   []int         // person index per allowance payment
	payMonth  []civil.Month // month per allowance payment
	regs      []any
	regCert   []int // certificate index per registration
	records   []any
	recPers   []int // person index per record
	count     int   // persons
	// per person: the kept certified spans (the rule the hooks apply), written with the person
	spans []facts.Kept
	// per person: the certified spans (workforce.Spans), which decide supervisors, payments and
	// the pool of workers (see worker)
	certified [][]workforce.Span
	cur       factdata.Person // what the facts read of the current person, while it is drawn
}

// person draws one person with unique ID number pair p into c.
func (g *gen) person(c *chunk, p int, certSeq *int) error {
	r := g.rng
	vi := r.IntN(len(g.villages))
	inDemo := false
	if r.IntN(25) == 0 {
		// one in 25 is on the staff of a demonstration community, whose criteria count its
		// certified staff
		if dv := g.demoVillage[g.villages[vi].county]; dv >= 0 {
			vi, inDemo = int(dv), true
		}
	}
	v := g.villages[vi]
	t := g.townships[v.parent]
	county := g.counties[t.county]
	regionID, regionCode := v.id, v.code
	atVillage := true
	switch x := r.Float64(); {
	case inDemo:
	case x < 0.3:
		regionID, regionCode, atVillage = t.id, t.code, false
	case x < 0.4:
		regionID, regionCode, atVillage = county.id, county.code, false
	}
	birth := birthFrom.AddDate(0, 0, p/1000)
	seq := p % 1000
	first17 := fmt.Sprintf("%s%04d%02d%02d%03d", county.code[:6], birth.Year, int(birth.Month), birth.Day, seq)
	id := first17 + string(validate.IDCheckChar(first17))
	sealed, err := g.db.Keyring.Encrypt(id)
	if err != nil {
		return err
	}
	gender := "FEMALE"
	if seq%2 == 1 {
		gender = "MALE"
	}
	var phone, phoneHash any
	if r.Float64() < 0.8 {
		plain := fmt.Sprintf("1%d%09d", 3+r.IntN(7), r.IntN(1_000_000_000))
		s, err := g.db.Keyring.Encrypt(plain)
		if err != nil {
			return err
		}
		phone, phoneHash = s, g.db.Keyring.Hash("phone", plain)
	}
	degree := "NONE"
	switch x := r.Float64(); {
	case x < 0.15:
		degree = "COMPLETED"
	case x < 0.2:
		degree = "IN_PROGRESS"
	}
	role := "COMMUNITY_WORKER"
	var employer, point any
	switch x := r.Float64(); {
	case x < 0.25:
		role = "AGENCY_STAFF"
		ag := g.agencies[t.county]
		employer = ag[r.IntN(len(ag))]
	case x < 0.35:
		role = "GRID_WORKER"
	case x < 0.4:
		role = "VILLAGE_CADRE"
	}
	if atVillage && g.villagePt[vi] != 0 && r.Float64() < 0.4 {
		point = g.villagePt[vi]
	}
	if inDemo && role == "AGENCY_STAFF" {
		role, employer = "COMMUNITY_WORKER", nil
	}
	roles, err := json.Marshal([]string{role})
	if err != nil {
		return err
	}
	joined := between(r, civil.DateFor(2012, time.January, 1), anchor)
	if adult := birth.AddDate(20, 0, 0); joined.Before(adult) {
		joined = adult
		if joined.After(anchor) {
			joined = anchor
		}
	}
	var left any
	var leftOn *civil.Date
	if r.Float64() < 0.05 && joined.Before(anchor) {
		l := between(r, joined.AddDate(0, 0, 1), anchor)
		left, leftOn = l, &l
	}
	name := string([]rune{surnames[r.IntN(len(surnames))], givenChars[r.IntN(len(givenChars))], givenChars[r.IntN(len(givenChars))]})
	if r.IntN(4) == 0 {
		name = string([]rune(name)[:2])
	}
	c.persons = append(c.persons, g.now, g.now, true, name, sealed, g.db.Keyring.Hash("id_number", id), gender,
		birth, phone, phoneHash, educationOf(r.Float64()), degree, roles, joined, left, regionID, employer, point)
	pi := c.count
	c.count++
	c.county = append(c.county, t.county)
	firstApp, firstPay := len(c.appPers), len(c.payPers)
	c.cur = factdata.Person{Region: regionCode, Left: leftOn, DegreeCompleted: degree == "COMPLETED",
		Roles: []enum.PersonRole{enum.PersonRole(role)}}
	firstCert := len(c.holder)

	if r.Float64() < 0.95 {
		passed := passDate(r)
		if adult := birth.AddDate(20, 0, 0); passed.Before(adult) {
			passed = adult
			if passed.After(anchor) {
				passed = anchor
			}
		}
		g.certificate(c, pi, "ASSISTANT", passed, certSeq)
		if r.Float64() < 0.26 && passed.Before(civil.DateFor(2025, time.January, 1)) {
			higher := "INTERMEDIATE"
			if r.Float64() < 0.08 {
				higher = "SENIOR"
			}
			g.certificate(c, pi, higher, between(r, passed.AddDate(1, 0, 0), anchor), certSeq)
		}
	}
	spans := workforce.Spans(heldOf(c.cur.Certificates), leftOn)
	c.certified = append(c.certified, spans)
	g.applications(c, pi, firstCert, joined, leftOn, roles)
	g.supervisor(c, pi, spans)
	if role == "COMMUNITY_WORKER" && g.paying[t.county] {
		g.payments(c, pi, spans)
	}
	trs := g.trainings[t.county]
	k := r.IntN(3)
	first := r.IntN(len(trs))
	for j := 0; j < k; j++ {
		tr := trs[(first+j)%len(trs)]
		status, hours := "COMPLETED", tr.hours
		if r.Float64() < 0.1 {
			status, hours = "FAILED", 0
		}
		c.records = append(c.records, g.now, g.now, true, hours, status, nil, tr.id)
		c.recPers = append(c.recPers, pi)
		c.cur.Training = append(c.cur.Training, factdata.TrainingRecord{Status: status, Hours: hours,
			TrainingKind: tr.kind, TrainingHours: tr.hours, TrainingEnds: tr.ends})
	}
	kept := facts.Compute(c.cur)
	c.spans = append(c.spans, kept)
	for i := firstApp; i < len(c.appPers); i++ {
		examTable.setKept(c.apps, i, kept, civil.Month{})
	}
	for i := firstPay; i < len(c.payPers); i++ {
		paymentTable.setKept(c.pays, i, kept, c.payMonth[i])
	}
	return nil
}

// heldOf is what the certified rule reads of the certificates drawn for a person.
func heldOf(certs []factdata.Certificate) []workforce.Held {
	out := make([]workforce.Held, len(certs))
	for i, c := range certs {
		out[i] = workforce.Held{Level: c.Level, Passed: c.Passed, Revoked: c.Revoked}
	}
	return out
}

// certificate adds a certificate with its registrations: a first registration within a year of
// passing (85 %), renewed every three years (80 %); the due date follows the registration rule
// the certificate hooks keep.
func (g *gen) certificate(c *chunk, holder int, level string, passed civil.Date, seq *int) {
	r := g.rng
	*seq++
	number := fmt.Sprintf("%04d%d%013d", passed.Year, levelDigit(level), *seq)
	due := certrules.FirstDue(passed)
	ci := len(c.holder)
	x := factdata.Certificate{Level: enum.CertificateLevel(level), Passed: passed}
	if r.Float64() < 0.85 {
		reg := between(r, passed.AddDate(0, 1, 0), passed.AddDate(0, 11, 0))
		if !reg.After(anchor) {
			kind := "FIRST"
			for !reg.After(anchor) {
				until := certrules.ValidUntil(reg)
				c.regs = append(c.regs, g.now, g.now, true, kind, "ISSUED", reg, until, nil)
				c.regCert = append(c.regCert, ci)
				on := reg
				x.Registrations = append(x.Registrations, factdata.Registration{Kind: kind, Status: "ISSUED", RegisteredOn: &on, ValidUntil: &until})
				due = until
				if r.Float64() >= 0.8 {
					break
				}
				reg, kind = until.AddDays(1), "RENEWAL"
			}
		}
	}
	var revoked any
	if r.Float64() < 0.005 {
		rv := between(r, passed, anchor)
		revoked, x.Revoked = rv, &rv
	}
	c.cur.Certificates = append(c.cur.Certificates, x)
	c.certs = append(c.certs, g.now, g.now, true, number, level, passed, revoked, due, nil, nil)
	c.holder = append(c.holder, holder)
	c.certApp = append(c.certApp, -1)
}

// writeChunk inserts a chunk parents first, filling in the parents' ids, and remembers some
// certified people of each county (see worker).
func (g *gen) writeChunk(ctx context.Context, c *chunk, tally facts.Tally) error {
	pids, err := g.b.insert(ctx, personTable, c.persons)
	if err != nil {
		return err
	}
	setFK(c.apps, len(examTable.cols), 1+len(facts.RowColumns(examTable.name)), c.appPers, pids)
	aids, err := g.b.insert(ctx, examTable, c.apps)
	if err != nil {
		return err
	}
	nc := len(certificateTable.cols)
	setFK(c.certs, nc, 2, c.holder, pids)
	for i, a := range c.certApp {
		if a >= 0 {
			c.certs[i*nc+nc-1] = aids[a]
		}
	}
	cids, err := g.b.insert(ctx, certificateTable, c.certs)
	if err != nil {
		return err
	}
	setFK(c.regs, len(registrationTable.cols), 1, c.regCert, cids)
	if _, err := g.b.insert(ctx, registrationTable, c.regs); err != nil {
		return err
	}
	setFK(c.records, len(recordTable.cols), 2, c.recPers, pids)
	if _, err := g.b.insert(ctx, recordTable, c.records); err != nil {
		return err
	}
	var spans []any
	for i, k := range c.spans {
		spans = append(spans, facts.Rows(pids[i], k)...)
		tally.Add(k, 1)
		g.regionFacts.AddPerson(k)
	}
	if _, err := g.b.insert(ctx, spanTable, spans); err != nil {
		return err
	}
	setFK(c.supers, len(supervisorTable.cols), 2, c.superPers, pids)
	if _, err := g.b.insert(ctx, supervisorTable, c.supers); err != nil {
		return err
	}
	setFK(c.pays, len(paymentTable.cols), 1+len(facts.RowColumns(paymentTable.name)), c.payPers, pids)
	if _, err := g.b.insert(ctx, paymentTable, c.pays); err != nil {
		return err
	}
	early := civil.DateFor(2023, time.January, 1)
	for i, spans := range c.certified {
		n := len(spans)
		if n == 0 || spans[0].From.After(early) || spans[n-1].Until != nil || len(g.pool[c.county[i]]) >= poolSize {
			continue
		}
		name, _ := c.persons[i*len(personTable.cols)+3].(string)
		g.pool[c.county[i]] = append(g.pool[c.county[i]], worker{id: pids[i], name: name, spans: spans, kept: c.spans[i]})
	}
	return nil
}

// setFK sets the foreign key at column width-back of each row of rows (width columns a row) to
// the id of its parent: ids[parent[i]] for row i.
func setFK(rows []any, width, back int, parent []int, ids []int) {
	for i, p := range parent {
		rows[i*width+width-back] = ids[p]
	}
}

// passDate draws a pass date from 2008 to 2025, weighted toward recent years as the workforce
// doubled; people may hold a certificate from before they joined.
func passDate(r interface {
	Float64() float64
	IntN(int) int
}) civil.Date {
	// year weight ∝ (year-2006)²: about 55 % pass in 2020–2025.
	x := r.Float64()
	year := 2008 + int(18*math.Cbrt(x))
	if year > 2025 {
		year = 2025
	}
	return between(r, civil.DateFor(year, time.January, 1), civil.EndOfYear(year))
}

func educationOf(x float64) string {
	switch {
	case x < 0.05:
		return "HIGH_SCHOOL"
	case x < 0.45:
		return "JUNIOR_COLLEGE"
	case x < 0.92:
		return "BACHELOR"
	case x < 0.995:
		return "MASTER"
	default:
		return "DOCTORATE"
	}
}

func levelDigit(level string) int {
	switch level {
	case "INTERMEDIATE":
		return 2
	case "SENIOR":
		return 3
	}
	return 1
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
