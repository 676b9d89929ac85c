package facts_test

import (
	"slices"
	"testing"
	"time"

	"swtalent/ent"
	"swtalent/ent/certificateregistration"
	"swtalent/ent/examapplication"
	"swtalent/ent/trainingrecord"
)

// BenchmarkWriteMovingFact: one write that moves the kept facts, its person's spans and the
// deltas rewritten in the same transaction — a revocation set, then withdrawn; a registration's
// status set to one that does not count, then back; a training record's hours changed; an exam
// application's outcome set to PASSED, then FAILED; an exam application deleted, then entered
// again — against
// a peer write that moves no fact (the holder's name corrected), alternating, after 200 random
// writes; each in a transaction of its own, as a GraphQL mutation runs. It reports the medians of
// both (moving-p50-ms, peer-p50-ms).
func BenchmarkWriteMovingFact(b *testing.B) {
	w := newWorld(b, 5)
	for range 200 {
		if what, err := w.step(w.db.Client); err != nil {
			b.Fatalf("%s: %v", what, err)
		}
	}
	c := w.db.Client
	certs := c.Certificate.Query().AllX(w.ctx)
	regs := c.CertificateRegistration.Query().WithCertificate().AllX(w.ctx)
	recs := c.TrainingRecord.Query().WithPerson().AllX(w.ctx)
	apps := c.ExamApplication.Query().WithPerson().AllX(w.ctx)
	gone := make([]bool, len(apps)) // applications the examApplication write has deleted
	if len(certs) == 0 || len(regs) == 0 || len(recs) == 0 || len(apps) == 0 {
		b.Fatalf("%d certificates, %d registrations, %d training records, %d exam applications", len(certs), len(regs), len(recs), len(apps))
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
	// each write returns the person it concerns, whose name the peer write corrects.
	writes := []struct {
		name  string
		write func(tc *ent.Client, i int) (int, error)
	}{
		{"revocation", func(tc *ent.Client, i int) (int, error) {
			x := certs[i%len(certs)]
			u := tc.Certificate.UpdateOneID(x.ID)
			if i/len(certs)%2 == 0 {
				u.SetRevokedOn(x.PassedOn.AddDays(30))
			} else {
				u.ClearRevokedOn()
			}
			return x.HolderID, u.Exec(w.ctx)
		}},
		{"registration", func(tc *ent.Client, i int) (int, error) {
			r := regs[i%len(regs)]
			status := certificateregistration.StatusPENDING
			if i/len(regs)%2 == 1 {
				status = certificateregistration.StatusISSUED
			}
			return r.Edges.Certificate.HolderID, tc.CertificateRegistration.UpdateOneID(r.ID).SetStatus(status).Exec(w.ctx)
		}},
		{"trainingRecord", func(tc *ent.Client, i int) (int, error) {
			r := recs[i%len(recs)]
			return r.Edges.Person.ID, tc.TrainingRecord.UpdateOneID(r.ID).SetStatus(trainingrecord.StatusCOMPLETED).SetHours(1 + i%8).Exec(w.ctx)
		}},
		{"examOutcome", func(tc *ent.Client, i int) (int, error) {
			a := apps[i%len(apps)]
			outcome := examapplication.OutcomePASSED
			if i/len(apps)%2 == 1 {
				outcome = examapplication.OutcomeFAILED
			}
			return a.Edges.Person.ID, tc.ExamApplication.UpdateOneID(a.ID).SetOutcome(outcome).Exec(w.ctx)
		}},
		{"examApplication", func(tc *ent.Client, i int) (int, error) { // deleted, then entered again
			k := i % len(apps)
			a := apps[k]
			if !gone[k] {
				gone[k] = true
				return a.Edges.Person.ID, tc.ExamApplication.DeleteOneID(a.ID).Exec(w.ctx)
			}
			gone[k] = false
			again, err := tc.ExamApplication.Create().SetPersonID(a.Edges.Person.ID).SetExamYear(a.ExamYear).SetLevel(a.Level).
				SetOutcome(examapplication.OutcomePASSED).Save(w.ctx)
			if err == nil {
				again.Edges.Person = a.Edges.Person
				apps[k] = again
			}
			return a.Edges.Person.ID, err
		}},
	}
	for _, x := range writes {
		b.Run(x.name, func(b *testing.B) {
			var moving, peer []time.Duration
			for i := 0; i < b.N; i++ {
				var holder int
				moving = append(moving, inTx(func(tc *ent.Client) error {
					var err error
					holder, err = x.write(tc, i)
					return err
				}))
				peer = append(peer, inTx(func(tc *ent.Client) error {
					return tc.Person.UpdateOneID(holder).SetName([]string{"张三", "李四"}[i%2]).Exec(w.ctx)
				}))
			}
			b.StopTimer()
			med := func(ds []time.Duration) float64 {
				slices.Sort(ds)
				return float64(ds[len(ds)/2].Microseconds()) / 1000
			}
			b.ReportMetric(med(moving), "moving-p50-ms")
			b.ReportMetric(med(peer), "peer-p50-ms")
		})
	}
}
