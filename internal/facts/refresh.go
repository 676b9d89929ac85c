package facts

import (
	"context"
	"fmt"
	"slices"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/certifiedspan"
	"swtalent/ent/person"
	"swtalent/ent/privacy"
	"swtalent/internal/workforce"
)

// Kept is one person's kept spans with the workplace region code they are filed under ("" when
// the person has no workplace region).
type Kept struct {
	Region string
	Spans  []workforce.Span
}

// Equal reports whether k and o are the same spans under the same region.
func (k Kept) Equal(o Kept) bool {
	if len(k.Spans) == 0 && len(o.Spans) == 0 {
		return true
	}
	return k.Region == o.Region && slices.EqualFunc(k.Spans, o.Spans, func(a, b workforce.Span) bool {
		return a.Level == b.Level && a.From == b.From &&
			(a.Until == nil) == (b.Until == nil) && (a.Until == nil || *a.Until == *b.Until)
	})
}

// refreshChunk is the number of persons refreshed per round: every statement stays under the
// databases' limits on bound values.
const refreshChunk = 5000

// RefreshPersons recomputes the CertifiedSpan rows of the given persons from their certificates
// and person records, through client (inside a mutation: the mutation's transaction client) and
// rewrites those that differ. A person who no longer exists keeps no spans. The hooks of
// Certificate and Person call it (through [Touched]) after every change that can move the fact.
func RefreshPersons(ctx context.Context, client *ent.Client, ids ...int) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	for len(ids) > 0 {
		n := min(refreshChunk, len(ids))
		if err := refresh(ctx, client, ids[:n]); err != nil {
			return fmt.Errorf("certified spans: %w", err)
		}
		ids = ids[n:]
	}
	return nil
}

// refresh rewrites the spans of up to refreshChunk persons: one delete of the persons whose spans
// differ and one insert of their new spans.
func refresh(ctx context.Context, client *ent.Client, ids []int) error {
	want, err := compute(ctx, client, ids)
	if err != nil {
		return err
	}
	have, err := stored(ctx, client, ids)
	if err != nil {
		return err
	}
	var (
		changed []int
		creates []*ent.CertifiedSpanCreate
	)
	for _, id := range ids {
		k := want[id]
		if k.Equal(have[id]) {
			continue
		}
		if len(have[id].Spans) > 0 {
			changed = append(changed, id)
		}
		for _, s := range k.Spans {
			c := client.CertifiedSpan.Create().SetPersonID(id).SetLevel(s.Level).SetFromOn(s.From).SetNillableUntilOn(s.Until)
			if k.Region != "" {
				c.SetRegionCode(k.Region)
			}
			creates = append(creates, c)
		}
	}
	if len(changed) > 0 {
		if _, err := client.CertifiedSpan.Delete().Where(certifiedspan.PersonIDIn(changed...)).Exec(ctx); err != nil {
			return err
		}
	}
	if len(creates) > 0 {
		return client.CertifiedSpan.CreateBulk(creates...).Exec(ctx)
	}
	return nil
}

// compute derives the spans of the persons from the registers through ent.
func compute(ctx context.Context, client *ent.Client, ids []int) (map[int]Kept, error) {
	persons, err := client.Person.Query().Where(person.IDIn(ids...)).
		WithRegion().
		Select(person.FieldID, person.FieldLeftOn, person.FieldRegionID).
		All(ctx)
	if err != nil {
		return nil, err
	}
	certs, err := client.Certificate.Query().Where(certificate.HolderIDIn(ids...)).
		Select(certificate.FieldHolderID, certificate.FieldLevel, certificate.FieldPassedOn, certificate.FieldRevokedOn).
		All(ctx)
	if err != nil {
		return nil, err
	}
	held := make(map[int][]workforce.Held)
	for _, c := range certs {
		held[c.HolderID] = append(held[c.HolderID], workforce.Held{Level: c.Level, Passed: c.PassedOn, Revoked: c.RevokedOn})
	}
	out := make(map[int]Kept, len(persons))
	for _, p := range persons {
		k := Kept{Spans: workforce.Spans(held[p.ID], p.LeftOn)}
		if p.Edges.Region != nil {
			k.Region = p.Edges.Region.Code
		}
		out[p.ID] = k
	}
	return out, nil
}

// stored reads the kept spans of the persons.
func stored(ctx context.Context, client *ent.Client, ids []int) (map[int]Kept, error) {
	rows, err := client.CertifiedSpan.Query().Where(certifiedspan.PersonIDIn(ids...)).
		Order(certifiedspan.ByPersonID(), certifiedspan.ByFromOn()).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int]Kept)
	for _, r := range rows {
		k := out[r.PersonID]
		code := ""
		if r.RegionCode != nil {
			code = *r.RegionCode
		}
		if len(k.Spans) > 0 && k.Region != code {
			code = mixedRegions
		}
		k.Region = code
		k.Spans = append(k.Spans, workforce.Span{Level: r.Level, From: r.FromOn, Until: r.UntilOn})
		out[r.PersonID] = k
	}
	return out, nil
}
