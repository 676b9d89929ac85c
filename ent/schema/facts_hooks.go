package schema

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/hook"
	"swtalent/ent/person"
	"swtalent/internal/facts"
)

// certificateSpanFields are the certificate fields the certified workforce depends on.
var certificateSpanFields = []string{certificate.FieldHolderID, certificate.FieldLevel, certificate.FieldPassedOn, certificate.FieldRevokedOn}

// personSpanFields are the person fields the certified workforce depends on.
var personSpanFields = []string{person.FieldLeftOn, person.FieldRegionID}

// touches reports whether m sets or clears one of fields.
func touches(m ent.Mutation, fields []string) bool {
	return slices.ContainsFunc(m.Fields(), func(f string) bool { return slices.Contains(fields, f) }) ||
		slices.ContainsFunc(m.ClearedFields(), func(f string) bool { return slices.Contains(fields, f) })
}

// keepCertifiedSpansOfHolders keeps the certified spans (facts.Touched) of the holders of
// the certificates a mutation creates, changes or deletes, before and after the change, in the
// mutation's transaction.
func keepCertifiedSpansOfHolders() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.CertificateFunc(func(ctx context.Context, m *gen.CertificateMutation) (ent.Value, error) {
			if !m.Op().Is(ent.OpCreate|ent.OpDelete|ent.OpDeleteOne) && !touches(m, certificateSpanFields) {
				return next.Mutate(ctx, m)
			}
			var holders []int
			if !m.Op().Is(ent.OpCreate) {
				ids, err := m.IDs(unrestricted(ctx))
				if err != nil {
					return nil, fmt.Errorf("certificates changed: %w", err)
				}
				if holders, err = m.Client().Certificate.Query().Where(certificate.IDIn(ids...)).
					Select(certificate.FieldHolderID).Ints(unrestricted(ctx)); err != nil {
					return nil, fmt.Errorf("holders of the certificates changed: %w", err)
				}
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			if h, ok := m.HolderID(); ok {
				holders = append(holders, h)
			}
			if err := facts.Touched(ctx, m.Client(), holders...); err != nil {
				return nil, err
			}
			return v, nil
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne)
}

// keepCertifiedSpansOfPersons keeps the certified spans of the persons whose departure or
// workplace a mutation changes, and drops those of deleted persons, in the mutation's
// transaction. A new person holds no certificate yet, so has no span.
func keepCertifiedSpansOfPersons() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.PersonFunc(func(ctx context.Context, m *gen.PersonMutation) (ent.Value, error) {
			if !m.Op().Is(ent.OpDelete|ent.OpDeleteOne) && !touches(m, personSpanFields) {
				return next.Mutate(ctx, m)
			}
			ids, err := m.IDs(unrestricted(ctx))
			if err != nil {
				return nil, fmt.Errorf("persons changed: %w", err)
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			if err := facts.Touched(ctx, m.Client(), ids...); err != nil {
				return nil, err
			}
			return v, nil
		})
	}, ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne)
}
