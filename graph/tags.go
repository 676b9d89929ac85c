package graph

import (
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"
)

// tagsHas adds a where-filter "the tag set in column holds any of values" to a where-input. It
// uses sqljson, which writes the right JSON test for SQLite and PostgreSQL alike. An empty list
// filters nothing.
func tagsHas[T ~string, P ~func(*sql.Selector)](add func(...P), column string, values []T) error {
	if len(values) == 0 {
		return nil
	}
	add(P(func(s *sql.Selector) {
		preds := make([]*sql.Predicate, len(values))
		for i, v := range values {
			preds[i] = sqljson.ValueContains(s.C(column), string(v))
		}
		s.Where(sql.Or(preds...))
	}))
	return nil
}
