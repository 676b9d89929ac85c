package synth

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/internal/civil"
	"swtalent/internal/facts"
)

var demonstrationTable = table{"demonstration_communities", []string{"created_at", "updated_at", "demo", "designated_year", "status", "community_id"}}

var volunteerTable = table{"volunteers", []string{"created_at", "updated_at", "demo", "name", "phone", "phone_hash", "birth_date",
	"registered_on", "service_hours", "community_id"}}

// writeLinkage makes the first generated village of every county (indexVillages) a five-party
// linkage demonstration community and registers volunteers there: 10 to 12 % of its residents
// in a model community, 8 to 12 % in the others. Phones are encrypted and hashed as the Volunteer
// hooks do, and their kept region fact VOLUNTEER_ACTIVE is written (facts.WriteRegions). Then the
// funds (writeFunds).
func (g *gen) writeLinkage(ctx context.Context) error {
	var communities, volunteers []any
	kept := facts.RegionIntervals{}
	phones := 0
	for ci := range g.counties {
		if g.demoVillage[ci] < 0 {
			continue
		}
		v := g.villages[g.demoVillage[ci]]
		year := 2023 + g.rng.IntN(2)
		communities = append(communities, g.now, g.now, true, year, "DESIGNATED", v.id)
		pct := 8 + g.rng.IntN(5)
		if g.model[ci] {
			pct = 10 + g.rng.IntN(3)
		}
		n := (int(v.pop)*pct + 99) / 100
		for range n {
			phones++
			plain := fmt.Sprintf("19%09d", phones)
			sealed, err := g.db.Keyring.Encrypt(plain)
			if err != nil {
				return err
			}
			name := string([]rune{surnames[g.rng.IntN(len(surnames))], givenChars[g.rng.IntN(len(givenChars))], givenChars[g.rng.IntN(len(givenChars))]})
			birth := between(g.rng, civil.DateFor(1950, time.January, 1), civil.DateFor(2005, time.December, 31))
			registered := between(g.rng, civil.DateFor(year, time.January, 1), anchor)
			volunteers = append(volunteers, g.now, g.now, true, name, sealed, g.db.Keyring.Hash("phone", plain), birth,
				registered, g.rng.IntN(200), v.id)
			kept.AddVolunteer(v.code, registered, nil)
		}
		if len(volunteers) >= 300_000 {
			if _, err := g.b.insert(ctx, volunteerTable, volunteers); err != nil {
				return err
			}
			volunteers = volunteers[:0]
		}
	}
	if len(communities) > 0 {
		if _, err := g.b.insert(ctx, demonstrationTable, communities); err != nil {
			return err
		}
	}
	if len(volunteers) > 0 {
		if _, err := g.b.insert(ctx, volunteerTable, volunteers); err != nil {
			return err
		}
	}
	spans, _, err := facts.WriteRegions(ctx, g.b.tx, entsql.Dialect(g.b.dialect), kept)
	if err != nil {
		return err
	}
	g.b.rows[facts.RegionTable] += spans
	return g.writeFunds(ctx)
}

// writeDemonstrationFacts writes the kept region facts of the demonstration communities
// (facts.WriteDemonstrations) once every register they read is written and indexed: they read the
// kept CERTIFIED_COMMUNITY_STAFF and VOLUNTEER_ACTIVE spans of each community by its code.
func (g *gen) writeDemonstrationFacts(ctx context.Context, conn *sql.Conn) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	_, spans, _, err := facts.WriteDemonstrations(ctx, tx, g.b.dialect)
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	g.b.rows[facts.RegionTable] += spans
	return nil
}

var fundTable = table{"funds", []string{"created_at", "updated_at", "demo", "name", "kind", "founder", "founder_kind",
	"established_on", "amount_raised", "fund_community"}}

// writeFunds writes the funds: a community service fund in every model demonstration community
// and half the others (the criterion 设立社区服务专项基金), and in every county two charity or reward funds a
// year from 2022, one in each half-year (so that every 12 months raise money), four in five of
// them serving one of its villages, the others the whole county.
func (g *gen) writeFunds(ctx context.Context) error {
	founders := []struct{ name, kind string }{{"县慈善会", "ORGANIZATION"}, {"某实业有限公司", "ENTERPRISE"}, {"某建设集团", "ENTERPRISE"}, {"爱心人士", "PERSON"}}
	var rows []any
	for ci := range g.counties {
		villages := g.countyVillages[ci]
		if dv := g.demoVillage[ci]; dv >= 0 && (g.model[ci] || g.rng.IntN(2) > 0) {
			on := between(g.rng, civil.DateFor(2023, time.January, 1), civil.DateFor(2025, time.June, 30))
			rows = append(rows, g.now, g.now, true, g.placeName("社区服务专项基金"), "COMMUNITY_SERVICE", "县慈善会", "ORGANIZATION",
				on, civil.FromYuan(int64(20_000+g.rng.IntN(80)*1000)), g.villages[dv].id)
		}
		for year := 2022; year <= anchor.Year; year++ {
			for half := range 2 {
				from := civil.DateFor(year, time.Month(1+6*half), 1)
				on := between(g.rng, from, from.AddDate(0, 6, -1))
				kind, name := "CHARITY", "社会工作公益创投基金"
				if g.rng.IntN(5) == 0 {
					kind, name = "REWARD", "优秀社工奖励基金"
				}
				f := founders[g.rng.IntN(len(founders))]
				var community any
				if len(villages) > 0 && g.rng.IntN(5) > 0 {
					community = g.villages[villages[g.rng.IntN(len(villages))]].id
				}
				rows = append(rows, g.now, g.now, true, fmt.Sprintf("%d年%s", year, name), kind, f.name, f.kind, on,
					civil.FromYuan(int64(50_000+g.rng.IntN(250)*1000)), community)
			}
		}
		if len(rows) >= 20_000 {
			if _, err := g.b.insert(ctx, fundTable, rows); err != nil {
				return err
			}
			rows = rows[:0]
		}
	}
	_, err := g.b.insert(ctx, fundTable, rows)
	return err
}
