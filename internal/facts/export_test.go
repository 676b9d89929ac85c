package facts

import (
	"context"

	entsql "entgo.io/ent/dialect/sql"
)

// SweepIn sweeps the registers size persons a chunk and returns each chunk's (After, Last) in the
// order each saw them, and every person's computed facts; ahead, it reads them one chunk ahead
// of each (sweepAhead).
func SweepIn(ctx context.Context, db DB, b *entsql.DialectBuilder, size int, ahead bool) ([][2]int, map[int]Kept, error) {
	var bounds [][2]int
	all := map[int]Kept{}
	sweep := sweepBy
	if ahead {
		sweep = sweepAhead
	}
	err := sweep(ctx, db, b, size, func(c chunk) error {
		bounds = append(bounds, [2]int{c.After, c.Last})
		for id, k := range c.Want {
			all[id] = k
		}
		return nil
	})
	return bounds, all, err
}

// TallyByCounties tallies the persons' spans the backfill's way: their county rows alone, then
// every province row from its counties.
func TallyByCounties(ks []Kept) Tally {
	t := Tally{}
	for _, k := range ks {
		t.addCounties(k, 1)
	}
	t.withProvinces()
	return t
}
