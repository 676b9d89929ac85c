package synth

import (
	"context"
	"fmt"
	"time"

	"swtalent/internal/civil"
)

var demonstrationTable = table{"demonstration_communities", []string{"created_at", "updated_at", "demo", "designated_year", "status", "community_id"}}

var volunteerTable = table{"volunteers", []string{"created_at", "updated_at", "demo", "name", "phone", "phone_hash", "birth_date",
	"registered_on", "service_hours", "community_id"}}

// writeLinkage makes the first generated village of every county a five-party linkage
// demonstration community and registers volunteers there: 8 to 12 % of its residents, so that
// about half meet the 10 % criterion. Phones are encrypted and hashed as the Volunteer hooks do.
func (g *gen) writeLinkage(ctx context.Context) error {
	seen := make(map[int32]bool, len(g.counties))
	var communities, volunteers []any
	phones := 0
	for _, v := range g.villages {
		if v.pop == 0 || v.county < 0 || seen[v.county] {
			continue
		}
		seen[v.county] = true
		year := 2023 + g.rng.IntN(2)
		communities = append(communities, g.now, g.now, true, year, "DESIGNATED", v.id)
		n := int(v.pop) * (8 + g.rng.IntN(5)) / 100
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
	return nil
}
