package rules_test

import (
	"math/rand/v2"
	"testing"

	"swtalent/modules/quality/rules"
)

// BenchmarkSpanRules: the three span rules on one random person each (as the backfill and the
// hooks run them), to see what they add per person.
func BenchmarkSpanRules(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	ps := make([]randomPerson, 1000)
	certified := make([][]rules.Interval, len(ps))
	for i := range ps {
		ps[i] = newRandomPerson(r)
		certified[i] = ps[i].certified()
	}
	b.Run("compliant", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			p := ps[i%len(ps)]
			rules.CompliantSpans(p.edu, certified[i%len(ps)])
		}
	})
	b.Run("hours", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rules.TrainingHourSpans(yearWindow, ps[i%len(ps)].done, certified[i%len(ps)])
		}
	})
	b.Run("trained", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rules.TrainedSpans(yearWindow, ps[i%len(ps)].leader)
		}
	})
}
