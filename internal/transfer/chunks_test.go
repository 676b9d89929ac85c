package transfer_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/hook"
	"swtalent/internal/apperr"
	"swtalent/internal/sheet"
	"swtalent/internal/store"
	"swtalent/internal/transfer"
)

// refuseName makes the person hooks refuse one name, as a rule the file's checks cannot
// foresee would (a conflicting save by a clerk, a rule only the hooks know).
func refuseName(db *store.DB, name string) {
	db.Client.Person.Use(hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.PersonFunc(func(ctx context.Context, m *gen.PersonMutation) (ent.Value, error) {
			if v, ok := m.Name(); ok && v == name {
				return nil, apperr.Invalid("name", "测试拒绝该姓名", "the test refuses this name")
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne))
}

// changedPersons is a persons sheet of n people, the first `existing` of them with a new phone
// and education (updates of stored rows), the last one named name.
func changedPersons(n, existing int, last string) []byte {
	rows := personRows(n)
	for i := 1; i <= existing; i++ {
		rows[i][2] = fmt.Sprintf("137%08d", i)
		rows[i][3] = "硕士研究生"
	}
	rows[n][0] = last
	return csvOf(rows)
}

// A file refused in its last batch, after two batches of creates and updates were committed,
// leaves the persons table exactly as before, the updated rows restored.
func TestRefusalInTheLastBatchLeavesTheRegistersAsBefore(t *testing.T) {
	db := openDB(t)
	mustImport(t, db, transfer.Persons(), csvOf(personRows(1200)))
	before := tableRows(t, db, "persons")
	refuseName(db, "拒绝")
	rep := importFile(t, db, transfer.Persons(), changedPersons(3000, 1200, "拒绝"), false)
	if rep.OK() || rep.Committed {
		t.Fatalf("accepted: %+v", rep)
	}
	if len(rep.Errors) != 1 || rep.Errors[0].Row != 3001 || rep.Errors[0].Column != "姓名" || !strings.Contains(rep.Errors[0].Message, "测试拒绝") {
		t.Fatalf("errors:\n%s", errorsOf(rep))
	}
	if after := tableRows(t, db, "persons"); !reflect.DeepEqual(before, after) {
		t.Fatalf("persons changed: %d rows before, %d after", len(before), len(after))
	}
	// The same file without the refused row goes in.
	rep = mustImport(t, db, transfer.Persons(), changedPersons(3000, 1200, "接受"))
	if rep.Created != 1800 || rep.Updated != 1200 {
		t.Fatalf("report %+v", rep)
	}
}

// cancelAfter cancels the import once n rows are written.
type cancelAfter struct {
	n       int
	writing bool
	written int
	cancel  func()
}

func (c *cancelAfter) Start(phase string, total int) { c.writing = strings.Contains(phase, "writing") }
func (c *cancelAfter) Add(n int) {
	if c.writing {
		if c.written += n; c.written >= c.n {
			c.cancel()
		}
	}
}
func (c *cancelAfter) Finish() {}

// An import cancelled half-way takes back what it wrote.
func TestCancelledImportLeavesNothing(t *testing.T) {
	db := openDB(t)
	mustImport(t, db, transfer.Persons(), csvOf(personRows(500)))
	before := tableRows(t, db, "persons")
	ctx, cancel := context.WithCancel(system())
	defer cancel()
	r, err := sheet.Open(strings.NewReader(string(changedPersons(3000, 500, "最后"))), sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := transfer.Import(ctx, db.Client, transfer.Persons(), r, transfer.ImportOptions{Today: today, Progress: &cancelAfter{n: 1000, cancel: cancel}})
	if !errors.Is(err, context.Canceled) || rep.Committed {
		t.Fatalf("cancelled import: %v, %+v", err, rep)
	}
	if after := tableRows(t, db, "persons"); !reflect.DeepEqual(before, after) {
		t.Fatalf("persons changed: %d rows before, %d after", len(before), len(after))
	}
}
