package graph_test

import (
	"testing"

	"swtalent/ent/person"
	"swtalent/ent/supervisorqualification"
	"swtalent/ent/training"
	"swtalent/ent/trainingrecord"
	"swtalent/internal/civil"
	"swtalent/internal/workforce"
)

func TestQualityInitiativeOnDemoWorld(t *testing.T) {
	e := newEnv(t, true)
	ind := planAt(e, "2025-12-31")
	s := ind["quality.qualified_supervisors"]
	if s.Actual == nil || *s.Actual != 9 || s.Target == nil || *s.Target != 8 || s.Status != "MET" {
		t.Fatalf("qualified supervisors: %+v", s)
	}
	if r := ind["quality.continuing_education_compliance_rate"]; r.Actual == nil || *r.Actual <= 0 || *r.Actual >= 1 {
		t.Errorf("continuing-education compliance rate: %+v", r)
	}
	for _, key := range []string{"training_hours_per_certified_worker", "leaders_trained"} {
		if got := ind["quality."+key]; got.Actual == nil || *got.Actual <= 0 {
			t.Errorf("quality.%s: %+v", key, got)
		}
	}
	// Hours per certified worker, counted record by record through each record's person.
	end := civil.DateFor(2025, 12, 31)
	certified := e.client.Person.Query().Where(workforce.CertifiedAt(end)).CountX(sys())
	hours := 0
	for _, r := range e.client.TrainingRecord.Query().Where(trainingrecord.StatusEQ(trainingrecord.StatusCOMPLETED),
		trainingrecord.HasTrainingWith(training.EndsOnGTE(civil.DateFor(2025, 1, 1)), training.EndsOnLTE(end)),
		trainingrecord.HasPersonWith(workforce.CertifiedAt(end))).AllX(sys()) {
		hours += r.Hours
	}
	if got := ind["quality.training_hours_per_certified_worker"].Actual; got == nil || *got != float64(hours)/float64(certified) {
		t.Errorf("training hours per certified worker = %v, want %d / %d", got, hours, certified)
	}
	// Qualified supervisors, counted person by person with a correlated EXISTS (the reference of
	// the indicator's "id IN (holders)"), on days around grants and revocations.
	for _, day := range []string{"2023-06-30", "2024-12-31", "2025-12-31"} {
		d, _ := civil.ParseDate(day)
		want := e.client.Person.Query().Where(workforce.InWorkforceAt(d), person.HasSupervisorQualificationsWith(
			supervisorqualification.GrantedOnLTE(d),
			supervisorqualification.Or(supervisorqualification.RevokedOnIsNil(), supervisorqualification.RevokedOnGT(d)))).CountX(sys())
		if got := planAt(e, day)["quality.qualified_supervisors"].Actual; got == nil || *got != float64(want) {
			t.Errorf("qualified supervisors on %s = %v, want %d", day, got, want)
		}
	}
	mid := planAt(e, "2023-06-30")["quality.qualified_supervisors"]
	if mid.Status != "ON_TRACK" && mid.Status != "AT_RISK" {
		t.Fatalf("mid-2023 supervisors: %+v", mid)
	}

	var d struct {
		Quality struct {
			TrainingSummary []struct {
				Kind                           string
				Trainings, Participants, Hours int
			}
			ExpertPool     struct{ TotalCount int }
			CompoundTalent []struct {
				Field string
				Count int
			}
			DegreeUpgrading struct{ InProgress, Completed int }
			Supervisors     struct{ TotalCount int }
		}
	}
	e.ok(`{ quality {
		trainingSummary(year: 2025) { kind trainings participants hours }
		expertPool(area: SUPERVISION, asOf: "2025-06-30") { totalCount }
		compoundTalent(asOf: "2025-12-31") { field count }
		degreeUpgrading { inProgress completed }
		supervisors(asOf: "2025-12-31") { totalCount } } }`, nil, &d)
	q := d.Quality
	if len(q.TrainingSummary) != 6 || q.TrainingSummary[0].Kind != "CONTINUING_EDUCATION" || q.TrainingSummary[0].Participants == 0 ||
		q.TrainingSummary[0].Hours != 24*q.TrainingSummary[0].Participants {
		t.Fatalf("training summary: %+v", q.TrainingSummary)
	}
	if q.ExpertPool.TotalCount != 2 || len(q.CompoundTalent) != 3 || q.Supervisors.TotalCount != 9 || q.DegreeUpgrading.InProgress+q.DegreeUpgrading.Completed == 0 {
		t.Fatalf("quality: %+v", q)
	}
}

func TestTrainingAttendanceAndSupervisors(t *testing.T) {
	e := newEnv(t, false)
	a := e.newPerson("11010519491231002X", nil)
	b := e.newPerson("361126200001010015", nil)
	e.fails(`mutation { createTraining(input: {name: "继续教育", kind: CONTINUING_EDUCATION, startsOn: "2025-05-10", endsOn: "2025-05-09", hours: 24}) { id } }`, nil, "BAD_USER_INPUT", "endsOn")
	var tr struct{ CreateTraining struct{ ID string } }
	e.ok(`mutation { createTraining(input: {name: "继续教育", kind: CONTINUING_EDUCATION, startsOn: "2025-05-10", endsOn: "2025-05-12", hours: 24}) { id } }`, nil, &tr)
	const attend = `mutation($t: ID!, $p: [ID!]!, $h: Int!) { recordTrainingAttendance(trainingId: $t, personIds: $p, hours: $h) { hours status } }`
	e.fails(attend, map[string]any{"t": tr.CreateTraining.ID, "p": []string{a}, "h": 25}, "BAD_USER_INPUT", "hours")
	e.fails(attend, map[string]any{"t": tr.CreateTraining.ID, "p": []string{a, a}, "h": 24}, "CONFLICT", "personIds[1]")
	var rec struct{ RecordTrainingAttendance []struct{ Hours int } }
	e.ok(attend, map[string]any{"t": tr.CreateTraining.ID, "p": []string{a, b}, "h": 24}, &rec)
	if len(rec.RecordTrainingAttendance) != 2 {
		t.Fatalf("records: %+v", rec)
	}
	e.fails(attend, map[string]any{"t": tr.CreateTraining.ID, "p": []string{b}, "h": 24}, "CONFLICT", "personIds[0]")

	var lvl struct{ CreateSupervisorLevel struct{ ID string } }
	e.ok(`mutation { createSupervisorLevel(input: {name: "初级督导", rank: 1}) { id } }`, nil, &lvl)
	var g struct{ GrantSupervisorQualification struct{ ID string } }
	e.ok(`mutation($p: ID!, $l: ID!) { grantSupervisorQualification(personId: $p, levelId: $l, grantedOn: "2024-03-01") { id } }`,
		map[string]any{"p": a, "l": lvl.CreateSupervisorLevel.ID}, &g)
	const revoke = `mutation($id: ID!, $d: Date!) { revokeSupervisorQualification(id: $id, revokedOn: $d) { revokedOn } }`
	e.fails(revoke, map[string]any{"id": g.GrantSupervisorQualification.ID, "d": "2024-02-01"}, "BAD_USER_INPUT", "revokedOn")
	e.ok(revoke, map[string]any{"id": g.GrantSupervisorQualification.ID, "d": "2025-01-01"}, &map[string]any{})
	var s struct {
		Quality struct{ Supervisors struct{ TotalCount int } }
	}
	e.ok(`{ quality { supervisors(asOf: "2024-12-31") { totalCount } } }`, nil, &s)
	if s.Quality.Supervisors.TotalCount != 1 {
		t.Fatal("supervisor not listed while qualified")
	}
	e.ok(`{ quality { supervisors(asOf: "2025-01-01") { totalCount } } }`, nil, &s)
	if s.Quality.Supervisors.TotalCount != 0 {
		t.Fatal("revoked supervisor still listed")
	}
}

// Continuing education through the API: a degree counts 90 hours, training hours count in their
// cycle, and a page of people costs the same statements whatever its size.
func TestContinuingEducation(t *testing.T) {
	e := newEnv(t, false)
	id := e.newPerson("11010519491231002X", nil)
	var c struct{ CreateCertificate struct{ ID string } }
	e.ok(`mutation($h: ID!) { createCertificate(input: {number: "202300000000000009", level: ASSISTANT, passedOn: "2023-10-20", holderID: $h}) { id } }`,
		map[string]any{"h": id}, &c)
	e.ok(`mutation($c: ID!) { recordRegistration(input: {certificateID: $c, kind: FIRST, status: ISSUED, registeredOn: "2024-01-10"}) { id } }`,
		map[string]any{"c": c.CreateCertificate.ID}, &map[string]any{})
	var tr struct{ CreateTraining struct{ ID string } }
	e.ok(`mutation { createTraining(input: {name: "继续教育", kind: CONTINUING_EDUCATION, startsOn: "2025-05-10", endsOn: "2025-05-12", hours: 40}) { id } }`, nil, &tr)
	e.ok(`mutation($t: ID!, $p: [ID!]!) { recordTrainingAttendance(trainingId: $t, personIds: $p, hours: 40) { id } }`,
		map[string]any{"t": tr.CreateTraining.ID, "p": []string{id}}, &map[string]any{})
	type status struct {
		CycleStart, CycleEnd        string
		Required, Earned, Remaining int
		Compliant                   bool
	}
	get := func(asOf string) status {
		var d struct {
			Node struct{ ContinuingEducation *status }
		}
		e.ok(`query($id: ID!, $d: Date) { node(id: $id) { ... on Person { continuingEducation(asOf: $d) { cycleStart cycleEnd required earned remaining compliant } } } }`,
			map[string]any{"id": id, "d": asOf}, &d)
		if d.Node.ContinuingEducation == nil {
			t.Fatalf("no continuing education at %s", asOf)
		}
		return *d.Node.ContinuingEducation
	}
	if s := get("2025-05-11"); s.CycleStart != "2024-01-10" || s.CycleEnd != "2027-01-09" || s.Required != 72 || s.Earned != 0 {
		t.Fatalf("before the training ended: %+v", s)
	}
	if s := get("2025-05-12"); s.Earned != 40 || s.Remaining != 32 || s.Compliant {
		t.Fatalf("after the training: %+v", s)
	}
	e.ok(`mutation($id: ID!) { updatePerson(id: $id, input: {socialWorkDegree: COMPLETED}) { id } }`, map[string]any{"id": id}, &map[string]any{})
	if s := get("2025-05-12"); s.Earned != 130 || s.Remaining != 0 || !s.Compliant {
		t.Fatalf("with a completed degree: %+v", s)
	}
}

// The reminder list holds certificates whose cycle ends soon without the hours, soonest first.
func TestContinuingEducationComplianceList(t *testing.T) {
	e := newEnv(t, true)
	var d struct {
		Quality struct {
			ContinuingEducationCompliance []struct {
				CycleEnd  string
				Compliant bool
				Remaining int
			}
		}
	}
	e.ok(`{ quality { continuingEducationCompliance(cycleEndingBefore: "2027-12-31", first: 100) { cycleEnd compliant remaining } } }`, nil, &d)
	list := d.Quality.ContinuingEducationCompliance
	if len(list) == 0 {
		t.Fatal("nobody to remind in the demo world")
	}
	for i, s := range list {
		if s.Compliant || s.Remaining <= 0 || s.CycleEnd >= "2027-12-31" || (i > 0 && s.CycleEnd < list[i-1].CycleEnd) {
			t.Fatalf("entry %d: %+v", i, s)
		}
	}
	e.as("").fails(`{ quality { continuingEducationCompliance(cycleEndingBefore: "2027-12-31") { remaining } } }`, nil, "FORBIDDEN", "")
}

func TestContinuingEducationIsBatched(t *testing.T) {
	e := newEnv(t, true)
	const q = `query($n: Int) { persons(first: $n) { edges { node { name continuingEducation(asOf: "2025-12-31") { earned compliant } } } } }`
	statements := func(n int) int {
		var d map[string]any
		e.count.Reset()
		e.ok(q, map[string]any{"n": n}, &d)
		return e.count.N()
	}
	statements(1)
	if small, large := statements(5), statements(100); small != large {
		t.Fatalf("statements: %d for 5 persons, %d for 100", small, large)
	}
}
