package facts

import (
	"context"
	"fmt"
	"slices"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/factspan"
	"swtalent/ent/privacy"
	"swtalent/ent/schema/enum"
	"swtalent/internal/factdata"
)

// refreshChunk is the number of persons refreshed per round: every statement stays under the
// databases' limits on bound values.
const refreshChunk = 5000

// RefreshPersons recomputes every kept fact of the given persons from their registers, through
// client (inside a mutation: the mutation's transaction client), and rewrites the spans of those
// whose spans differ, adjusting the deltas by the difference in the same transaction, rewrites the
// kept region fact VILLAGE_SKILLED of the villages whose SKILLED_COMMUNITY spans moved (regions.go)
// and the demonstration facts of the communities whose CERTIFIED_COMMUNITY_STAFF spans moved,
// and sets the kept columns of the rows that name them (rows.go). A person who
// no longer exists keeps no spans. The register hooks call it (through [Touched]) after every
// change that can move a fact.
func RefreshPersons(ctx context.Context, client *ent.Client, ids ...int) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	for len(ids) > 0 {
		n := min(refreshChunk, len(ids))
		if err := refresh(ctx, client, ids[:n]); err != nil {
			return fmt.Errorf("kept facts: %w", err)
		}
		ids = ids[n:]
	}
	return nil
}

// refresh rewrites the spans of up to refreshChunk persons: one delete of the persons whose spans
// differ, one insert of their new spans and one upsert of the deltas that move; then one read of
// each linked register's rows of the persons and one update of those that differ.
func refresh(ctx context.Context, client *ent.Client, ids []int) error {
	loaded, err := load(ctx, client, ids)
	if err != nil {
		return err
	}
	have, err := stored(ctx, client, ids)
	if err != nil {
		return err
	}
	var (
		changed []int
		creates []*ent.FactSpanCreate
	)
	tally := Tally{}
	var villages []string // codes of the SKILLED_COMMUNITY spans removed and written
	var staffed []string  // codes of the CERTIFIED_COMMUNITY_STAFF spans removed and written
	wants := make(map[int]Kept, len(ids))
	for _, id := range ids {
		var want Kept
		if p := loaded[id]; p != nil {
			want = Compute(*p)
		}
		wants[id] = want
		if want.Equal(have[id]) {
			continue
		}
		if !have[id].empty() {
			changed = append(changed, id)
			tally.Add(have[id], -1)
		}
		tally.Add(want, 1)
		for _, k := range []Kept{have[id], want} {
			if len(k.Spans[enum.FactSkilledCommunity]) > 0 {
				villages = append(villages, k.Region)
			}
			if len(k.Spans[enum.FactCertifiedCommunityStaff]) > 0 {
				staffed = append(staffed, k.Region)
			}
		}
		for _, f := range List() {
			for _, s := range want.Spans[f.Name] {
				c := client.FactSpan.Create().SetFact(f.Name).SetPersonID(id).SetFromOn(s.From).SetNillableUntilOn(s.Until).SetWeight(s.Weight)
				if s.Level != "" {
					c.SetLevel(s.Level)
				}
				if want.Region != "" {
					c.SetRegionCode(want.Region)
				}
				creates = append(creates, c)
			}
		}
	}
	if len(changed) > 0 {
		if _, err := client.FactSpan.Delete().Where(factspan.PersonIDIn(changed...)).Exec(ctx); err != nil {
			return err
		}
	}
	for len(creates) > 0 {
		part := creates[:min(len(creates), insertBatch)]
		creates = creates[len(part):]
		if err := client.FactSpan.CreateBulk(part...).Exec(ctx); err != nil {
			return err
		}
	}
	if err := applyTally(ctx, client, tally); err != nil {
		return err
	}
	if err := refreshSkilledVillages(ctx, client, villages); err != nil {
		return err
	}
	if err := refreshDemonstrations(ctx, client, staffed); err != nil {
		return err
	}
	// The kept columns of the persons' rows, whether or not their spans moved (a move of
	// workplace moves the rows of a person without spans too).
	_, err = keepRows(ctx, client, entsql.Dialect(client.Dialect()), wants, func(col string) *entsql.Predicate { return entsql.InInts(col, ids...) }, true, nil)
	return err
}

// stored reads the kept spans of the persons.
func stored(ctx context.Context, client *ent.Client, ids []int) (map[int]Kept, error) {
	rows, err := client.FactSpan.Query().Where(factspan.PersonIDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int]Kept)
	for _, r := range rows {
		code := ""
		if r.RegionCode != nil {
			code = *r.RegionCode
		}
		s := factdata.Span{From: r.FromOn, Until: r.UntilOn, Weight: r.Weight}
		if r.Level != nil {
			s.Level = *r.Level
		}
		out[r.PersonID] = withSpan(out[r.PersonID], r.Fact, code, s)
	}
	for id, k := range out {
		for f := range k.Spans {
			k.Spans[f] = canonical(k.Spans[f])
		}
		out[id] = k
	}
	return out, nil
}
