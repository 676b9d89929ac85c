package facts_test

import (
	"slices"
	"testing"
	"time"

	"swtalent/ent"
)

// BenchmarkWriteMovingFact: one write that moves the certified spans — a revocation set, then
// withdrawn, the holder's spans rewritten in the same transaction — against a peer write that
// moves no fact (the holder's name corrected), alternating, after 200 random writes; each in a
// transaction of its own, as a GraphQL mutation runs. It reports the medians of both
// (moving-p50-ms, peer-p50-ms).
func BenchmarkWriteMovingFact(b *testing.B) {
	w := newWorld(b, 5)
	for range 200 {
		if what, err := w.step(w.db.Client); err != nil {
			b.Fatalf("%s: %v", what, err)
		}
	}
	c := w.db.Client
	certs := c.Certificate.Query().AllX(w.ctx)
	if len(certs) == 0 {
		b.Fatal("no certificate")
	}
	inTx := func(write func(*ent.Client) error) time.Duration {
		t0 := time.Now()
		tx, err := c.Tx(w.ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := write(tx.Client()); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0)
	}
	var moving, peer []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x := certs[i%len(certs)]
		moving = append(moving, inTx(func(tc *ent.Client) error {
			u := tc.Certificate.UpdateOneID(x.ID)
			if i/len(certs)%2 == 0 {
				u.SetRevokedOn(x.PassedOn.AddDays(30))
			} else {
				u.ClearRevokedOn()
			}
			return u.Exec(w.ctx)
		}))
		peer = append(peer, inTx(func(tc *ent.Client) error {
			return tc.Person.UpdateOneID(x.HolderID).SetName([]string{"张三", "李四"}[i%2]).Exec(w.ctx)
		}))
	}
	b.StopTimer()
	med := func(ds []time.Duration) float64 {
		slices.Sort(ds)
		return float64(ds[len(ds)/2].Microseconds()) / 1000
	}
	b.ReportMetric(med(moving), "moving-p50-ms")
	b.ReportMetric(med(peer), "peer-p50-ms")
}
