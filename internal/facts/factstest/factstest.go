// Package factstest is what the kept facts' property tests share: the loop of random writes,
// some inside transactions that commit and some that roll back, with a comparison of the kept
// answers against their references every few writes, and the printing of a measured value.
// Tests only.
package factstest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"swtalent/ent"
	"swtalent/ent/supervisorqualification"
	"swtalent/internal/civil"
)

// Step makes one random write through client (the database's client or a transaction's) and
// names it; it returns "" and nil when it found nothing to write.
type Step func(client *ent.Client) (string, error)

// compareEvery is the number of writes between two comparisons.
const compareEvery = 20

// Writes makes n random writes with step (ctx: the context of the transactions it begins) through the database's client or, one time in six, a
// transaction of up to three that commits or rolls back at random, and calls compare after every
// 20th with the name of the last write. A write that fails fails the test, inside a transaction
// too (which is then rolled back).
func Writes(t testing.TB, ctx context.Context, client *ent.Client, rng *rand.Rand, n int, step Step, compare func(after string)) {
	t.Helper()
	for i := range n {
		what, err := write(ctx, client, rng, step)
		if err != nil {
			t.Fatalf("write %d (%s): %v", i, what, err)
		}
		if i%compareEvery == compareEvery-1 {
			compare(what)
		}
	}
}

// write makes one write of Writes: a step, or a transaction of up to three.
func write(ctx context.Context, client *ent.Client, rng *rand.Rand, step Step) (string, error) {
	if rng.IntN(6) != 0 {
		return step(client)
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return "begin transaction", err
	}
	var what string
	for range 3 {
		if what, err = step(tx.Client()); err != nil {
			return what + " (in a transaction)", fmt.Errorf("%w (rollback: %v)", err, tx.Rollback())
		}
	}
	if rng.IntN(2) == 0 {
		return "transaction", tx.Commit()
	}
	return "rolled-back transaction", tx.Rollback()
}

// Show prints a measured value for a comparison ("unknown" for nil).
func Show(v *float64) string {
	if v == nil {
		return "unknown"
	}
	return fmt.Sprint(*v)
}

// ChangeQualification changes one of the supervisor qualifications at random through client:
// deletes it, revokes it (or withdraws its revocation), corrects its grant date (never after its
// revocation), or revokes every unrevoked qualification at once. date draws a day, after a day on
// or after its argument. ok is false when there is no qualification to change.
func ChangeQualification(ctx context.Context, client *ent.Client, rng *rand.Rand, date func() civil.Date, after func(civil.Date) civil.Date) (what string, ok bool, err error) {
	quals := client.SupervisorQualification.Query().Order(ent.Asc("id")).AllX(ctx)
	if len(quals) == 0 {
		return "", false, nil
	}
	q := quals[rng.IntN(len(quals))]
	switch rng.IntN(4) {
	case 0:
		return "delete qualification", true, client.SupervisorQualification.DeleteOneID(q.ID).Exec(ctx)
	case 1:
		if q.RevokedOn != nil && rng.IntN(2) == 0 {
			return "withdraw qualification revocation", true, client.SupervisorQualification.UpdateOneID(q.ID).ClearRevokedOn().Exec(ctx)
		}
		return "revoke qualification", true, client.SupervisorQualification.UpdateOneID(q.ID).SetRevokedOn(after(q.GrantedOn)).Exec(ctx)
	case 2:
		granted := date()
		if q.RevokedOn != nil && granted.After(*q.RevokedOn) {
			granted = *q.RevokedOn
		}
		return "qualification grant date", true, client.SupervisorQualification.UpdateOneID(q.ID).SetGrantedOn(granted).Exec(ctx)
	}
	_, err = client.SupervisorQualification.Update().Where(supervisorqualification.RevokedOnIsNil()).SetRevokedOn(date()).Save(ctx)
	return "revoke every qualification", true, err
}
