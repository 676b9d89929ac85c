package schema

import (
	"context"
	"encoding/json"
	"fmt"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/internal"
	"swtalent/internal/undo"
)

// tables maps the first global ID of each table's range to the table's name.
var tables = func() map[int]string {
	var starts map[string]int
	if err := json.Unmarshal([]byte(internal.IncrementStarts), &starts); err != nil {
		panic(fmt.Sprintf("schema: global id ranges: %v", err))
	}
	out := make(map[int]string, len(starts))
	for t, s := range starts {
		out[s] = t
	}
	return out
}()

// tableOf returns the table of a global ID.
func tableOf(id int) (string, error) {
	if t, ok := tables[id>>32<<32]; ok {
		return t, nil
	}
	return "", fmt.Errorf("undo log: no table for id %d", id)
}

// undoable records the writes of a context carrying an undo log (an import job's): the rows it
// creates, and the rows it changes as they were before. Other writes (bulk updates, deletes)
// cannot be taken back one row at a time and are refused there.
func undoable() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			l := undo.FromContext(ctx)
			if l == nil {
				return next.Mutate(ctx, m)
			}
			idm, ok1 := m.(interface{ ID() (int, bool) })
			cm, ok2 := m.(interface{ Client() *gen.Client })
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("undo log: %s mutation without id or client", m.Type())
			}
			switch {
			case m.Op().Is(ent.OpUpdateOne):
				id, _ := idm.ID()
				t, err := tableOf(id)
				if err != nil {
					return nil, err
				}
				if err := l.Changing(ctx, cm.Client(), t, id); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			case m.Op().Is(ent.OpCreate):
				v, err := next.Mutate(ctx, m)
				if err != nil {
					return v, err
				}
				id, _ := idm.ID()
				t, err := tableOf(id)
				if err != nil {
					return nil, err
				}
				l.Created(t, id)
				return v, nil
			}
			return nil, fmt.Errorf("undo log: %s of %s cannot be undone row by row", m.Op(), m.Type())
		})
	}
}
