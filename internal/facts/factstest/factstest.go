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
