package graph_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"swtalent/ent"
	"swtalent/ent/base"
	"swtalent/ent/partnership"
	"swtalent/ent/person"
	"swtalent/ent/placement"
	"swtalent/ent/university"
	"swtalent/graph"
	"swtalent/internal/civil"
	"swtalent/internal/workforce"
)

// A university account gets only its own placements, whatever it asks, and another university's
// placement answers node(id:) as a missing one does.
func TestUniversitySeesOnlyItsOwnPlacements(t *testing.T) {
	w := newWorld(t)
	ctx := sys()
	own := w.university.QueryPlacements().IDsX(ctx)
	other := w.client.Placement.Query().Where(placement.Not(placement.HasUniversityWith(university.ID(w.university.ID)))).FirstX(ctx)
	otherUni := other.QueryUniversity().OnlyIDX(ctx)
	uni := w.as(w.tokens["UNIVERSITY"])

	const list = `query($u: ID) { campus { placements(universityId: $u, first: 100) { totalCount edges { node { id studentName university { id } } } } } }`
	type page struct {
		Campus struct {
			Placements struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						ID         gid
						University struct{ ID gid }
					}
				}
			}
		}
	}
	var all, asked page
	uni.ok(list, nil, &all)
	if all.Campus.Placements.TotalCount != len(own) || len(all.Campus.Placements.Edges) != len(own) {
		t.Fatalf("the university sees %d placements, owns %d", all.Campus.Placements.TotalCount, len(own))
	}
	for _, e := range all.Campus.Placements.Edges {
		if int(e.Node.University.ID) != w.university.ID {
			t.Errorf("placement %d of university %d is visible", e.Node.ID, e.Node.University.ID)
		}
	}
	uni.ok(list, map[string]any{"u": otherUni}, &asked)
	if asked.Campus.Placements.TotalCount != 0 {
		t.Errorf("asking for another university's placements returns %d", asked.Campus.Placements.TotalCount)
	}
	var root struct{ Placements struct{ TotalCount int } }
	uni.ok(`{ placements { totalCount } }`, nil, &root)
	if root.Placements.TotalCount != len(own) {
		t.Errorf("the placements root connection shows %d, want %d", root.Placements.TotalCount, len(own))
	}
	var staff page
	w.as(w.tokens["STAFF"]).ok(list, nil, &staff)
	if staff.Campus.Placements.TotalCount <= len(own) {
		t.Errorf("staff see %d placements, the university alone has %d", staff.Campus.Placements.TotalCount, len(own))
	}

	const node = `query($id: ID!) { node(id: $id) { id ... on Placement { studentName studentNumber } } }`
	missing := w.client.Placement.Query().Aggregate(ent.Max(placement.FieldID)).IntX(ctx) + 1000
	outside := uni.do(node, map[string]any{"id": other.ID})
	absent := uni.do(node, map[string]any{"id": missing})
	if len(outside.Errors) != 1 || len(absent.Errors) != 1 || string(outside.Data) != string(absent.Data) ||
		outside.Errors[0].Extensions["code"] != absent.Errors[0].Extensions["code"] ||
		strings.ReplaceAll(outside.Errors[0].Message, fmt.Sprint(other.ID), "ID") != strings.ReplaceAll(absent.Errors[0].Message, fmt.Sprint(missing), "ID") {
		t.Errorf("another university's placement answers %+v, a missing one %+v", outside, absent)
	}
	var mine struct {
		Node *struct{ StudentNumber string }
	}
	uni.ok(node, map[string]any{"id": own[0]}, &mine)
	if mine.Node == nil || mine.Node.StudentNumber == "" {
		t.Error("the university cannot read its own placement")
	}

	// The summary of a term has the university's own line only; staff see every university.
	const summary = `{ campus { placementSummary(term: "2025-1") { university { id } placements completed hours } } }`
	var s struct {
		Campus struct {
			PlacementSummary []struct {
				University                   struct{ ID gid }
				Placements, Completed, Hours int
			}
		}
	}
	uni.ok(summary, nil, &s)
	if len(s.Campus.PlacementSummary) != 1 || int(s.Campus.PlacementSummary[0].University.ID) != w.university.ID {
		t.Fatalf("university summary = %+v", s.Campus.PlacementSummary)
	}
	line := s.Campus.PlacementSummary[0]
	term := civil.Term{Year: 2025, Half: civil.Spring}
	q := w.client.Placement.Query().Where(placement.HasUniversityWith(university.ID(w.university.ID)), placement.TermEQ(term), placement.StatusNEQ(placement.StatusCANCELLED))
	if want := q.Clone().CountX(ctx); line.Placements != want {
		t.Errorf("summary placements = %d, want %d", line.Placements, want)
	}
	if want := q.Clone().Where(placement.StatusEQ(placement.StatusCOMPLETED)).CountX(ctx); line.Completed != want || want == 0 {
		t.Errorf("summary completed = %d, want %d (> 0)", line.Completed, want)
	}
	hours := 0
	for _, p := range q.AllX(ctx) {
		hours += p.LoggedHours
	}
	if line.Hours != hours {
		t.Errorf("summary hours = %d, want %d", line.Hours, hours)
	}
	w.as(w.tokens["STAFF"]).ok(summary, nil, &s)
	if len(s.Campus.PlacementSummary) < 2 {
		t.Errorf("staff summary has %d universities", len(s.Campus.PlacementSummary))
	}
	// Mentors of its own students are readable; the placement shows its mentor.
	var m struct {
		Node struct{ Mentor *struct{ Name string } }
	}
	uni.ok(`query($id: ID!) { node(id: $id) { ... on Placement { mentor { name } } } }`, map[string]any{"id": own[0]}, &m)
	if m.Node.Mentor == nil || m.Node.Mentor.Name == "" {
		t.Error("the university cannot see its student's site mentor")
	}
}

// Every university sees every practice base with its places for a term, batched.
func TestPracticeBasesWithPlaces(t *testing.T) {
	w := newWorldWith(t, graph.Options{ResponseCacheEntries: -1}) // the statements of executing, not of a cached answer
	ctx := sys()
	term := civil.Term{Year: 2025, Half: civil.Autumn}
	const q = `query($t: Term!) { campus { practiceBases(term: $t, first: 100) { totalCount edges { node { id kind placesOffered(term: $t) placesTaken(term: $t) } } } } }`
	var d struct {
		Campus struct {
			PracticeBases struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						ID                         gid
						Kind                       string
						PlacesOffered, PlacesTaken int
					}
				}
			}
		}
	}
	w.as(w.tokens["UNIVERSITY"]).ok(q, map[string]any{"t": term.String()}, &d)
	practice := w.client.Base.Query().Where(base.KindEQ(base.KindPRACTICE)).CountX(ctx)
	if d.Campus.PracticeBases.TotalCount != practice || practice == 0 {
		t.Fatalf("practice bases = %d, want %d", d.Campus.PracticeBases.TotalCount, practice)
	}
	offered, taken := 0, 0
	for _, e := range d.Campus.PracticeBases.Edges {
		n := e.Node
		if n.Kind != "PRACTICE" {
			t.Errorf("base %d is %s", n.ID, n.Kind)
		}
		wantOffered := 0
		for _, p := range w.client.Partnership.Query().Where(partnership.HasBaseWith(base.ID(int(n.ID)))).AllX(ctx) {
			wantOffered += p.PlacesPerTerm
		}
		wantTaken := w.client.Placement.Query().Where(placement.HasBaseWith(base.ID(int(n.ID))), placement.TermEQ(term),
			placement.StatusNEQ(placement.StatusCANCELLED)).CountX(ctx)
		if n.PlacesOffered != wantOffered || n.PlacesTaken != wantTaken {
			t.Errorf("base %d: offered %d taken %d, want %d and %d", n.ID, n.PlacesOffered, n.PlacesTaken, wantOffered, wantTaken)
		}
		offered, taken = offered+n.PlacesOffered, taken+n.PlacesTaken
	}
	if offered == 0 || taken == 0 || taken > offered {
		t.Errorf("places offered %d, taken %d", offered, taken)
	}
	// The places of a page cost the same statements for one base and for all of them.
	statements := func(first int) int {
		w.count.Reset()
		w.as(w.tokens["UNIVERSITY"]).ok(strings.Replace(q, "first: 100", fmt.Sprintf("first: %d", first), 1), map[string]any{"t": term.String()}, &d)
		return w.count.N()
	}
	if one, many := statements(1), statements(100); one != many {
		t.Errorf("statements for 1 base = %d, for %d bases = %d", one, practice, many)
	}
}

// The placement rules refuse bad placements with a clear error naming the field, writing nothing;
// status changes follow PLANNED → ACTIVE → COMPLETED.
func TestPlacementRules(t *testing.T) {
	w := newWorld(t)
	ctx := sys()
	uni := w.as(w.tokens["UNIVERSITY"])
	agreement := w.client.Partnership.Query().Where(partnership.HasUniversityWith(university.ID(w.university.ID))).FirstX(ctx)
	baseID := agreement.QueryBase().OnlyIDX(ctx)
	term := civil.Term{Year: 2026, Half: civil.Spring}
	start, end := civil.DateFor(2026, 3, 2), civil.DateFor(2026, 6, 30)
	mentor := w.client.Person.Query().Where(workforce.CertifiedAt(start)).FirstX(ctx)
	uncertified := w.client.Person.Query().Where(workforce.InWorkforceAt(start), person.Not(workforce.CertifiedAt(start))).FirstX(ctx)
	training := w.client.Base.Query().Where(base.KindEQ(base.KindTRAINING)).FirstIDX(ctx)
	outside := w.client.Base.Query().Where(base.KindEQ(base.KindPRACTICE),
		base.Not(base.HasPartnershipsWith(partnership.HasUniversityWith(university.ID(w.university.ID))))).FirstIDX(ctx)

	const create = `mutation($in: CreatePlacementInput!) { createPlacement(input: $in) { id status } }`
	seq := 0
	input := func(edit map[string]any) map[string]any {
		seq++
		in := map[string]any{"studentName": "学生" + fmt.Sprint(seq), "studentNumber": fmt.Sprintf("T%05d", seq),
			"universityID": w.university.ID, "baseID": baseID, "mentorID": mentor.ID, "term": term.String(),
			"startsOn": start.String(), "endsOn": end.String(), "plannedHours": 200}
		for k, v := range edit {
			in[k] = v
		}
		return map[string]any{"in": in}
	}
	before := w.client.Placement.Query().CountX(ctx)
	cases := []struct {
		name, code, field string
		edit              map[string]any
	}{
		{"mentor not certified", "BAD_USER_INPUT", "mentorID", map[string]any{"mentorID": uncertified.ID}},
		{"not a practice base", "BAD_USER_INPUT", "baseID", map[string]any{"baseID": training}},
		{"outside any partnership", "BAD_USER_INPUT", "baseID", map[string]any{"baseID": outside}},
		{"start outside the term", "BAD_USER_INPUT", "startsOn", map[string]any{"startsOn": "2026-09-01", "endsOn": "2026-10-01"}},
		{"ends before it starts", "BAD_USER_INPUT", "endsOn", map[string]any{"endsOn": "2026-03-01"}},
		{"negative planned hours", "BAD_USER_INPUT", "plannedHours", map[string]any{"plannedHours": -5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := uni.as(uni.token)
			a.t = t
			a.fails(create, input(c.edit), c.code, c.field)
		})
	}
	if n := w.client.Placement.Query().CountX(ctx); n != before {
		t.Fatalf("refused placements wrote %d rows", n-before)
	}

	// Places: the agreement's places for the term, then refused.
	var ids []int
	for range agreement.PlacesPerTerm {
		var d struct{ CreatePlacement struct{ ID gid } }
		uni.ok(create, input(nil), &d)
		ids = append(ids, int(d.CreatePlacement.ID))
	}
	e := uni.fails(create, input(nil), "BAD_USER_INPUT", "baseID")
	if !strings.Contains(e.Message, "名额") {
		t.Errorf("full base message: %q", e.Message)
	}
	// The same student number at another university is another student.
	first := w.client.Placement.GetX(ctx, ids[0])
	w.as(w.tokens["STAFF"]).ok(create, input(map[string]any{"studentNumber": first.StudentNumber, "baseID": outside,
		"universityID": w.client.Partnership.Query().Where(partnership.HasBaseWith(base.ID(outside))).QueryUniversity().FirstIDX(ctx)}), &struct{}{})
	cancelled := ids[len(ids)-1]
	const change = `mutation($id: ID!, $s: PlacementStatus!) { changePlacementStatus(id: $id, status: $s) { status } }`
	uni.ok(change, map[string]any{"id": cancelled, "s": "CANCELLED"}, &struct{}{})
	// The same student twice at once.
	uni.fails(create, input(map[string]any{"studentNumber": first.StudentNumber}), "CONFLICT", "studentNumber")
	// A cancelled placement frees its place.
	uni.ok(create, input(nil), &struct{}{})

	// Status: PLANNED → COMPLETED is refused; PLANNED → ACTIVE → COMPLETED works; hours only while active.
	const logHours = `mutation($id: ID!, $h: Int!) { logPlacementHours(id: $id, hours: $h) { loggedHours } }`
	uni.fails(change, map[string]any{"id": ids[0], "s": "COMPLETED"}, "BAD_USER_INPUT", "status")
	uni.fails(logHours, map[string]any{"id": ids[0], "h": 8}, "BAD_USER_INPUT", "id")
	uni.ok(change, map[string]any{"id": ids[0], "s": "ACTIVE"}, &struct{}{})
	uni.fails(logHours, map[string]any{"id": ids[0], "h": 0}, "BAD_USER_INPUT", "hours")
	// Places cut after the fact do not stop hours being logged on placements already made.
	w.client.Partnership.UpdateOne(agreement).SetPlacesPerTerm(1).ExecX(ctx)
	var h struct{ LogPlacementHours struct{ LoggedHours int } }
	uni.ok(logHours, map[string]any{"id": ids[0], "h": 8}, &h)
	uni.ok(logHours, map[string]any{"id": ids[0], "h": 6}, &h)
	if h.LogPlacementHours.LoggedHours != 14 {
		t.Errorf("logged hours = %d, want 14", h.LogPlacementHours.LoggedHours)
	}
	uni.ok(change, map[string]any{"id": ids[0], "s": "COMPLETED"}, &struct{}{})
	uni.fails(change, map[string]any{"id": ids[0], "s": "CANCELLED"}, "BAD_USER_INPUT", "status")
	uni.fails(change, map[string]any{"id": cancelled, "s": "ACTIVE"}, "BAD_USER_INPUT", "status")
	if got := w.client.Placement.GetX(ctx, cancelled).Status; got != placement.StatusCANCELLED {
		t.Errorf("refused change left status %s", got)
	}

	// A university cannot place students of another university, nor record agreements.
	otherUni := w.client.Partnership.Query().Where(partnership.HasBaseWith(base.ID(outside))).QueryUniversity().FirstIDX(ctx)
	uni.fails(create, input(map[string]any{"universityID": otherUni, "baseID": outside, "studentNumber": "X1"}), "FORBIDDEN", "")
	uni.fails(`mutation($in: CreatePartnershipInput!) { createPartnership(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"universityID": w.university.ID, "baseID": outside, "startsOn": "2026-01-01",
			"placesPerTerm": 5, "scopes": []string{"PLACEMENTS"}}}, "FORBIDDEN", "")
}

// Agreements: only with practice bases, one at a time per university and base.
func TestPartnershipRules(t *testing.T) {
	w := newWorld(t)
	ctx := sys()
	staff := w.as(w.tokens["STAFF"])
	agreement := w.client.Partnership.Query().FirstX(ctx)
	in := func(baseID int, start string) map[string]any {
		return map[string]any{"in": map[string]any{"universityID": agreement.QueryUniversity().OnlyIDX(ctx), "baseID": baseID,
			"startsOn": start, "placesPerTerm": 2, "scopes": []string{"PLACEMENTS", "RESEARCH"}}}
	}
	const create = `mutation($in: CreatePartnershipInput!) { createPartnership(input: $in) { id } }`
	training := w.client.Base.Query().Where(base.KindEQ(base.KindTRAINING)).FirstIDX(ctx)
	staff.fails(create, in(training, "2026-01-01"), "BAD_USER_INPUT", "baseID")
	staff.fails(create, in(agreement.QueryBase().OnlyIDX(ctx), "2026-01-01"), "CONFLICT", "startsOn")
	bad := in(agreement.QueryBase().OnlyIDX(ctx), "2026-01-01")
	bad["in"].(map[string]any)["scopes"] = []string{"PLACEMENTS", "PLACEMENTS"}
	staff.fails(create, bad, "BAD_USER_INPUT", "scopes[1]")
}

// The campus indicators are in the plan, measured on the demo world.
func TestCampusIndicatorsInPlan(t *testing.T) {
	e := newEnv(t, true)
	got := planAt(e, "2025-12-31")
	ctx := sys()
	d := civil.DateFor(2025, 12, 31)
	if v := got["campus.partner_universities"].Actual; v == nil || int(*v) != e.client.University.Query().Where(university.HasPartnerships()).CountX(ctx) || *v < 2 {
		t.Errorf("partner_universities = %v", v)
	}
	active := e.client.Placement.Query().Where(placement.StatusNEQ(placement.StatusCANCELLED), placement.StartsOnLTE(d), placement.EndsOnGTE(d)).CountX(ctx)
	if v := got["campus.active_placements"].Actual; v == nil || int(*v) != active || active == 0 {
		t.Errorf("active_placements = %v, want %d", v, active)
	}
	hours := 0
	for _, p := range e.client.Placement.Query().Where(placement.StatusNEQ(placement.StatusCANCELLED), placement.EndsOnGTE(civil.DateFor(2025, 1, 1)), placement.EndsOnLTE(d)).AllX(ctx) {
		hours += p.LoggedHours
	}
	if v := got["campus.placement_hours"].Actual; v == nil || int(*v) != hours || hours == 0 {
		t.Errorf("placement_hours = %v, want %d", v, hours)
	}
}

// gid is a global ID as the API writes it, a string of digits, read as the number it is.
type gid int

// UnmarshalJSON reads "123" (or 123).
func (g *gid) UnmarshalJSON(b []byte) error {
	n, err := strconv.Atoi(strings.Trim(string(b), `"`))
	*g = gid(n)
	return err
}
