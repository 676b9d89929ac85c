package facts

import (
	"cmp"
	"context"
	stdsql "database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/factspan"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/regionspan"
	"swtalent/ent/schema/enum"
	"swtalent/ent/servicepoint"
	"swtalent/ent/volunteer"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
	"swtalent/internal/validate"
)

// The kept region facts: for a region, the spans of days on which the fact holds for it, filed
// under the region's code in region_spans (entity RegionSpan), with the same per-(fact, county,
// level, year) deltas as the person facts in fact_deltas. So "how many villages of subtree R have
// one at D", or "how many volunteers are registered in R at D", which no sum over persons gives,
// is a sum like a count of persons ([CountRegions]).
//
// A region fact combines its underlying intervals one of two ways ([counted]):
//   - a union: the spans on which the region has at least one, each of weight 1 (a village with
//     two skilled workers or two overlapping points has one span), for a count of regions;
//   - a count: the multiset of the intervals, identical intervals one span weighted by their
//     number, never merged, so that a sum counts the intervals (one span per distinct interval:
//     a change of one interval rewrites one or two spans, whatever the region's number).
//
// The region facts and their intervals:
//   - VILLAGE_SKILLED (union): the SKILLED_COMMUNITY person spans filed under a village's own
//     code;
//   - VILLAGE_POINT_OPEN (union): [opened_on, closed_on) of the village points of a village-level
//     region;
//   - TOWNSHIP_STATION_OPEN (union): the same of the stations of a township-level region;
//   - REGION_VILLAGE, REGION_TOWNSHIP (union): the region itself, one span from the first day on
//     (the coverages' denominators, counted through the deltas like the rest);
//   - VOLUNTEER_ACTIVE (count): [registered_on, left_on) of the volunteers registered in a
//     community, under the community's code.
//
// [RegionIntervals] collects those intervals; the refresh of the person facts rewrites the
// VILLAGE_SKILLED spans of the villages whose SKILLED_COMMUNITY spans it moved, the hooks of the
// service points, of the volunteers and of the regions ([TouchedRegions], [RefreshRegionCodes])
// the facts of the regions a point or volunteer leaves or joins and of the regions created or
// deleted, the data upgrades "region-spans" and "volunteer-spans" and [Backfill] fill them
// ([BackfillRegions]), the generator writes them ([RegionRows]), and [Check] recomputes them.

// RegionFacts lists the kept region facts.
func RegionFacts() []enum.Fact {
	return []enum.Fact{enum.FactVillageSkilled, enum.FactVillagePointOpen, enum.FactTownshipStationOpen,
		enum.FactRegionVillage, enum.FactRegionTownship, enum.FactVolunteerActive, enum.FactDemonstrationActive, enum.FactDemonstrationMet}
}

// counted are the region facts that count their intervals instead of uniting them (see above).
var counted = map[enum.Fact]bool{enum.FactVolunteerActive: true}

// regionFacts are the facts of a region's existence, by level: one span from [openSince] on.
var regionFacts = map[string]enum.Fact{
	validate.RegionLevelOf("000000000001"): enum.FactRegionVillage,
	validate.RegionLevelOf("000000001000"): enum.FactRegionTownship,
}

// rowFacts are the region facts RefreshRegions recomputes from a region's row, its points and its
// volunteers.
var rowFacts = []enum.Fact{enum.FactVillagePointOpen, enum.FactTownshipStationOpen, enum.FactRegionVillage, enum.FactRegionTownship,
	enum.FactVolunteerActive}

// pointFacts are the region facts of the service points, by tier, with the level of the regions
// they are kept for: a point counts only for a region of its tier's level, as the definitional
// count (regions of the level with an open point of the tier) has it.
var pointFacts = map[string]struct {
	Fact  enum.Fact
	Level string
}{
	string(servicepoint.TierVILLAGE_POINT):    {enum.FactVillagePointOpen, validate.RegionLevelOf("000000000001")},
	string(servicepoint.TierTOWNSHIP_STATION): {enum.FactTownshipStationOpen, validate.RegionLevelOf("000000001000")},
}

// openSince stands for the opening day of a point without one: open since before any day asked.
var openSince = civil.DateFor(civil.MinYear, time.January, 1)

// RegionKey names one region's spans of a region fact.
type RegionKey struct {
	Fact   enum.Fact
	Region string
}

// RegionIntervals collects the underlying intervals of region facts, per fact and region; Spans
// combines them.
type RegionIntervals map[RegionKey][]factdata.Span

// AddSkilled adds a SKILLED_COMMUNITY span of a person working in region code: an interval of
// VILLAGE_SKILLED when code is a village's.
func (r RegionIntervals) AddSkilled(code string, s factdata.Span) {
	if validate.RegionLevelOf(code) != "VILLAGE" {
		return
	}
	k := RegionKey{enum.FactVillageSkilled, code}
	r[k] = append(r[k], factdata.Span{From: s.From, Until: s.Until, Weight: 1})
}

// AddPerson adds the SKILLED_COMMUNITY spans of a person's kept facts.
func (r RegionIntervals) AddPerson(k Kept) {
	for _, s := range k.Spans[enum.FactSkilledCommunity] {
		r.AddSkilled(k.Region, s)
	}
}

// AddPoint adds a service point of tier serving region code, open from opened (nil: always) until
// closed (nil: still open): an interval of the tier's fact when the region has the tier's level.
func (r RegionIntervals) AddPoint(tier, code string, opened, closed *civil.Date) {
	pf, ok := pointFacts[tier]
	if !ok || validate.RegionLevelOf(code) != pf.Level {
		return
	}
	from := openSince
	if opened != nil {
		from = *opened
	}
	if closed != nil && !closed.After(from) {
		return // never open
	}
	k := RegionKey{pf.Fact, code}
	r[k] = append(r[k], factdata.Span{From: from, Until: closed, Weight: 1})
}

// AddRegion adds a region of code: a span of its level's existence fact (REGION_VILLAGE,
// REGION_TOWNSHIP) from the first day on.
func (r RegionIntervals) AddRegion(code string) {
	if f, ok := regionFacts[validate.RegionLevelOf(code)]; ok {
		k := RegionKey{f, code}
		r[k] = append(r[k], factdata.Span{From: openSince, Weight: 1})
	}
}

// AddVolunteer adds a volunteer registered in the community of code on registered until left
// (nil: still registered): an interval of VOLUNTEER_ACTIVE, none when it ends the day it starts.
func (r RegionIntervals) AddVolunteer(code string, registered civil.Date, left *civil.Date) {
	if left != nil && !left.After(registered) {
		return
	}
	k := RegionKey{enum.FactVolunteerActive, code}
	r[k] = append(r[k], factdata.Span{From: registered, Until: left, Weight: 1})
}

// Spans returns the kept spans of every region, its intervals combined as its fact does
// ([counted]): their union, spans that overlap or touch merged, or their count, identical
// intervals summed; in canonical order.
func (r RegionIntervals) Spans() map[RegionKey][]factdata.Span {
	out := make(map[RegionKey][]factdata.Span, len(r))
	for k, in := range r {
		combine := union
		if counted[k.Fact] {
			combine = count
		}
		if u := combine(in); len(u) > 0 {
			out[k] = u
		}
	}
	return out
}

// count sums the weights of identical intervals: one span per distinct interval, in canonical
// order.
func count(in []factdata.Span) []factdata.Span {
	s := canonical(slices.Clone(in))
	var out []factdata.Span
	for _, x := range s {
		if n := len(out); n > 0 && out[n-1].From == x.From && equalUntil(out[n-1].Until, x.Until) {
			out[n-1].Weight += x.Weight
			continue
		}
		out = append(out, factdata.Span{From: x.From, Until: x.Until, Weight: x.Weight})
	}
	return out
}

// equalUntil reports whether two span ends are the same day, or both open.
func equalUntil(a, b *civil.Date) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// union merges intervals into disjoint spans of weight 1, in date order.
func union(in []factdata.Span) []factdata.Span {
	s := slices.Clone(in)
	slices.SortFunc(s, func(a, b factdata.Span) int { return a.From.Compare(b.From) })
	var out []factdata.Span
	for _, x := range s {
		if n := len(out); n > 0 && (out[n-1].Until == nil || !out[n-1].Until.Before(x.From)) {
			last := &out[n-1]
			if last.Until != nil && (x.Until == nil || x.Until.After(*last.Until)) {
				last.Until = x.Until
			}
			continue
		}
		out = append(out, factdata.Span{From: x.From, Until: x.Until, Weight: 1})
	}
	return out
}

// AddRegion counts a region's spans of a fact in the tally, with sign +1 (written) or -1
// (removed), in the rows of its county and of its province as [Tally.Add] does.
func (t Tally) AddRegion(k RegionKey, spans []factdata.Span, sign int) {
	t.add(k.Fact, k.Region, spans, sign)
}

// sortedKeys returns the keys of m in (fact, region) order.
func sortedKeys[V any](m map[RegionKey]V) []RegionKey {
	keys := make([]RegionKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b RegionKey) int {
		return cmp.Or(strings.Compare(string(a.Fact), string(b.Fact)), strings.Compare(a.Region, b.Region))
	})
	return keys
}

// refreshSkilledVillages rewrites the VILLAGE_SKILLED spans of the region codes (those of
// villages; others are ignored) from the kept SKILLED_COMMUNITY spans filed under them: one read
// of the first span index per code. The refresh of the person facts calls it, after writing, for
// the codes of the SKILLED_COMMUNITY spans it removed and wrote.
func refreshSkilledVillages(ctx context.Context, client *ent.Client, codes []string) error {
	codes = slices.DeleteFunc(slices.Compact(slices.Sorted(slices.Values(codes))), func(c string) bool {
		return validate.RegionLevelOf(c) != "VILLAGE"
	})
	for len(codes) > 0 {
		part := codes[:min(len(codes), refreshChunk)]
		codes = codes[len(part):]
		rows, err := client.FactSpan.Query().
			Where(factspan.FactEQ(enum.FactSkilledCommunity), factspan.RegionCodeIn(part...)).
			Select(factspan.FieldRegionCode, factspan.FieldFromOn, factspan.FieldUntilOn).All(ctx)
		if err != nil {
			return fmt.Errorf("skilled community spans of villages: %w", err)
		}
		want := RegionIntervals{}
		for _, r := range rows {
			want.AddSkilled(*r.RegionCode, factdata.Span{From: r.FromOn, Until: r.UntilOn})
		}
		if err := rewriteRegions(ctx, client, []enum.Fact{enum.FactVillageSkilled}, part, want); err != nil {
			return err
		}
	}
	return nil
}

// RefreshRegions rewrites the kept region facts of the regions ids that follow from their rows,
// their service points and their volunteers (VILLAGE_POINT_OPEN, TOWNSHIP_STATION_OPEN,
// REGION_VILLAGE, REGION_TOWNSHIP, VOLUNTEER_ACTIVE), then their demonstration facts
// (demonstrations.go), through client (inside a mutation: its
// transaction's client). The hooks of the service points, of the volunteers and of the regions
// call it (through [TouchedRegions]) for the regions a change of points or volunteers leaves or
// joins, and for new regions.
func RefreshRegions(ctx context.Context, client *ent.Client, ids ...int) error {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	return byCodes(ctx, client, ids, func(codes []string) error { return RefreshRegionCodes(ctx, client, codes...) })
}

// byCodes calls refresh with the codes of the regions ids, refreshChunk regions at a time.
func byCodes(ctx context.Context, client *ent.Client, ids []int, refresh func(codes []string) error) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	for len(ids) > 0 {
		part := ids[:min(len(ids), refreshChunk)]
		ids = ids[len(part):]
		codes, err := client.Region.Query().Where(region.IDIn(part...)).Select(region.FieldCode).Strings(ctx)
		if err != nil {
			return fmt.Errorf("kept region facts: codes of regions: %w", err)
		}
		if err := refresh(codes); err != nil {
			return err
		}
	}
	return nil
}

// RefreshRegionCodes is [RefreshRegions] by region code: a code no region has any more keeps no
// span (the take-back of an import deletes regions past the hooks).
func RefreshRegionCodes(ctx context.Context, client *ent.Client, codes ...string) error {
	codes = slices.Compact(slices.Sorted(slices.Values(codes)))
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	for len(codes) > 0 {
		part := codes[:min(len(codes), refreshChunk)]
		codes = codes[len(part):]
		regions, err := client.Region.Query().Where(region.CodeIn(part...)).Select(region.FieldID, region.FieldCode).All(ctx)
		if err != nil {
			return fmt.Errorf("kept region facts: %w", err)
		}
		ids := make([]int, len(regions))
		codeOf := make(map[int]string, len(regions))
		want := RegionIntervals{}
		for i, r := range regions {
			ids[i], codeOf[r.ID] = r.ID, r.Code
			want.AddRegion(r.Code)
		}
		var points []struct {
			Tier   string      `json:"tier"`
			Region int         `json:"service_point_region"`
			Opened *civil.Date `json:"opened_on"`
			Closed *civil.Date `json:"closed_on"`
		}
		err = client.ServicePoint.Query().Where(func(s *sql.Selector) { s.Where(sql.InInts(s.C(servicepoint.RegionColumn), ids...)) }).
			Select(servicepoint.FieldTier, servicepoint.RegionColumn, servicepoint.FieldOpenedOn, servicepoint.FieldClosedOn).Scan(ctx, &points)
		if err != nil {
			return fmt.Errorf("kept region facts: service points: %w", err)
		}
		for _, p := range points {
			want.AddPoint(p.Tier, codeOf[p.Region], p.Opened, p.Closed)
		}
		// The columns of the (community_id, registered_on, left_on) index, no table row read, in
		// plain SQL: a community has thousands (ent's scan into structs took most of a write).
		b := sql.Dialect(client.Dialect())
		q, args := b.Select(volunteer.FieldCommunityID, volunteer.FieldRegisteredOn, volunteer.FieldLeftOn).
			From(b.Table(volunteer.Table)).Where(sql.InInts(volunteer.FieldCommunityID, ids...)).Query()
		err = scan(ctx, client, q, args, func(rows *stdsql.Rows) error {
			var (
				community  int
				registered civil.Date
				left       stdsql.Null[civil.Date]
			)
			if err := rows.Scan(&community, &registered, &left); err != nil {
				return err
			}
			want.AddVolunteer(codeOf[community], registered, nullable(left))
			return nil
		})
		if err != nil {
			return fmt.Errorf("kept region facts: volunteers: %w", err)
		}
		if err := rewriteRegions(ctx, client, rowFacts, part, want); err != nil {
			return fmt.Errorf("kept region facts: %w", err)
		}
		if err := refreshDemonstrations(ctx, client, part); err != nil {
			return err
		}
	}
	return nil
}

// rewriteRegions makes the kept spans of the facts for the region codes those of want: it reads
// them, deletes those want lacks and writes those it adds (a span kept and wanted stays),
// adjusting the deltas by the difference. So a change of one volunteer rewrites one or two
// spans of its community, not the community's every span.
func rewriteRegions(ctx context.Context, client *ent.Client, facts []enum.Fact, codes []string, want RegionIntervals) error {
	if len(codes) == 0 {
		return nil
	}
	// The kept rows of each (fact, region), by span, in plain SQL (as the volunteers).
	have := map[RegionKey]map[spanKey][]int{}
	b := sql.Dialect(client.Dialect())
	names := make([]any, len(facts))
	for i, f := range facts {
		names[i] = string(f)
	}
	q, args := b.Select(append([]string{regionspan.FieldID}, regionColumns...)...).From(b.Table(regionspan.Table)).
		Where(sql.And(sql.In(regionspan.FieldFact, names...), sql.In(regionspan.FieldRegionCode, anys(codes)...))).Query()
	err := scan(ctx, client, q, args, func(rows *stdsql.Rows) error {
		var (
			id    int
			k     RegionKey
			s     factdata.Span
			until stdsql.Null[civil.Date]
		)
		if err := rows.Scan(&id, &k.Fact, &k.Region, &s.From, &until, &s.Weight); err != nil {
			return err
		}
		s.Until = nullable(until)
		if have[k] == nil {
			have[k] = map[spanKey][]int{}
		}
		have[k][spanKeyOf(s)] = append(have[k][spanKeyOf(s)], id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("kept region spans: %w", err)
	}
	wants := want.Spans()
	tally := Tally{}
	var gone []int
	var creates []*ent.RegionSpanCreate
	for _, f := range facts {
		for _, code := range codes {
			k := RegionKey{f, code}
			kept := have[k]
			for _, s := range wants[k] {
				if ids := kept[spanKeyOf(s)]; len(ids) > 0 {
					kept[spanKeyOf(s)] = ids[1:]
					continue
				}
				tally.AddRegion(k, []factdata.Span{s}, 1)
				creates = append(creates, client.RegionSpan.Create().SetFact(f).SetRegionCode(code).
					SetFromOn(s.From).SetNillableUntilOn(s.Until).SetWeight(s.Weight))
			}
			for s, ids := range kept {
				for range ids {
					tally.AddRegion(k, []factdata.Span{s.span()}, -1)
				}
				gone = append(gone, ids...)
			}
		}
	}
	for len(gone) > 0 {
		part := gone[:min(len(gone), refreshChunk)]
		gone = gone[len(part):]
		if _, err := client.RegionSpan.Delete().Where(regionspan.IDIn(part...)).Exec(ctx); err != nil {
			return fmt.Errorf("kept region spans: %w", err)
		}
	}
	for len(creates) > 0 {
		part := creates[:min(len(creates), insertBatch)]
		creates = creates[len(part):]
		if err := client.RegionSpan.CreateBulk(part...).Exec(ctx); err != nil {
			return fmt.Errorf("kept region spans: %w", err)
		}
	}
	return applyTally(ctx, client, tally)
}

// anys returns the strings as values of a statement.
func anys(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// spanKey is a span as a map key: its end as a value (the zero date for an open span), since two
// pointers to the same day differ.
type spanKey struct {
	From, Until civil.Date
	Open        bool
	Weight      int
}

// spanKeyOf returns the key of a span.
func spanKeyOf(s factdata.Span) spanKey {
	k := spanKey{From: s.From, Open: s.Until == nil, Weight: s.Weight}
	if s.Until != nil {
		k.Until = *s.Until
	}
	return k
}

// span returns the span of a key.
func (k spanKey) span() factdata.Span {
	s := factdata.Span{From: k.From, Weight: k.Weight}
	if !k.Open {
		s.Until = &k.Until
	}
	return s
}

// moveVolunteer moves one volunteer's interval in VOLUNTEER_ACTIVE from before to after (either
// nil), reading and writing only the spans of those two intervals; codes are the communities
// whose spans it moved. moved is false when the span of the interval before is not kept, or a
// span is kept twice: what it moved until then is written with its deltas, and the caller
// recomputes the communities by difference.
func moveVolunteer(ctx context.Context, client *ent.Client, before, after *Volunteer) (codes []string, moved bool, err error) {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	type change struct {
		k    RegionKey
		s    factdata.Span
		sign int
	}
	var changes []change
	for i, v := range []*Volunteer{before, after} {
		if v == nil || (v.Left != nil && !v.Left.After(v.Registered)) {
			continue // no interval
		}
		code, err := client.Region.Query().Where(region.ID(v.Community)).Select(region.FieldCode).String(ctx)
		if err != nil {
			return nil, false, fmt.Errorf("kept region facts: community of a volunteer: %w", err)
		}
		changes = append(changes, change{RegionKey{enum.FactVolunteerActive, code}, factdata.Span{From: v.Registered, Until: v.Left, Weight: 1}, 2*i - 1})
	}
	if len(changes) == 2 && changes[0].k == changes[1].k && changes[0].s.Equal(changes[1].s) {
		return nil, true, nil
	}
	tally := Tally{}
	for _, c := range changes {
		q := client.RegionSpan.Query().Where(regionspan.FactEQ(c.k.Fact), regionspan.RegionCodeEQ(c.k.Region), regionspan.FromOnEQ(c.s.From))
		if c.s.Until == nil {
			q.Where(regionspan.UntilOnIsNil())
		} else {
			q.Where(regionspan.UntilOnEQ(*c.s.Until))
		}
		rows, err := q.All(ctx)
		if err != nil {
			return nil, false, fmt.Errorf("kept region spans: %w", err)
		}
		switch {
		case len(rows) > 1 || (len(rows) == 0 && c.sign < 0):
			return nil, false, applyTally(ctx, client, tally) // not as kept: the caller recomputes
		case len(rows) == 0:
			err = client.RegionSpan.Create().SetFact(c.k.Fact).SetRegionCode(c.k.Region).SetFromOn(c.s.From).
				SetNillableUntilOn(c.s.Until).SetWeight(1).Exec(ctx)
		case rows[0].Weight+c.sign == 0:
			err = client.RegionSpan.DeleteOneID(rows[0].ID).Exec(ctx)
		default:
			err = client.RegionSpan.UpdateOneID(rows[0].ID).SetWeight(rows[0].Weight + c.sign).Exec(ctx)
		}
		if err != nil {
			return nil, false, fmt.Errorf("kept region spans: %w", err)
		}
		tally.AddRegion(c.k, []factdata.Span{c.s}, c.sign)
		codes = append(codes, c.k.Region)
	}
	return codes, true, applyTally(ctx, client, tally)
}
