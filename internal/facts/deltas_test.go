package facts_test

import (
	"maps"
	"math/rand/v2"
	"testing"
	"time"

	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
	"swtalent/internal/facts"
)

// The backfill tallies the county rows of every span and adds the province rows at the end;
// that is the tally of Add, which counts both rows of each span, for region codes of every
// length (none, too short for a county, a county's, a village's).
func TestTallyByCounties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	codes := []string{"", "36", "3601", "360102000000", "360102003001", "360200000000", "110101001001"}
	levels := []enum.CertificateLevel{"", enum.LevelAssistant, enum.LevelIntermediate}
	var ks []facts.Kept
	for range 500 {
		k := facts.Kept{Region: codes[rng.IntN(len(codes))], Spans: map[enum.Fact][]factdata.Span{}}
		for _, f := range facts.List()[:1+rng.IntN(len(facts.List()))] {
			for range 1 + rng.IntN(3) {
				s := factdata.Span{Level: levels[rng.IntN(len(levels))], From: civil.DateFor(2010+rng.IntN(15), time.March, 1), Weight: 1 + rng.IntN(5)}
				if rng.IntN(2) == 0 {
					u := civil.DateFor(s.From.Year+1+rng.IntN(5), time.June, 1)
					s.Until = &u
				}
				k.Spans[f.Name] = append(k.Spans[f.Name], s)
			}
		}
		ks = append(ks, k)
	}
	want := facts.Tally{}
	for _, k := range ks {
		want.Add(k, 1)
	}
	got := facts.TallyByCounties(ks)
	clean := func(t facts.Tally) facts.Tally {
		maps.DeleteFunc(t, func(_ facts.DeltaKey, v int) bool { return v == 0 })
		return t
	}
	if len(clean(want)) == 0 || !maps.Equal(clean(got), clean(want)) {
		t.Fatalf("tally by counties then provinces: %d rows, by Add: %d rows", len(got), len(want))
	}
}
