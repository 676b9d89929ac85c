package incentives

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/allowancerate"
	"swtalent/ent/post"
	"swtalent/ent/predicate"
	"swtalent/ent/recognition"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/workforce"
)

// institutionKinds lists the kinds of institution in the schema's order (ent/schema/incentives.go).
func institutionKinds() []post.InstitutionKind {
	return []post.InstitutionKind{
		post.InstitutionKindELDERLY_WELFARE, post.InstitutionKindDISABILITY_WELFARE, post.InstitutionKindCHILD_WELFARE,
		post.InstitutionKindADOPTION_SERVICE, post.InstitutionKindWOMEN_CHILDREN_AID, post.InstitutionKindWORKER_ASSISTANCE,
		post.InstitutionKindWORKERS_RIGHTS, post.InstitutionKindMARRIAGE_FAMILY, post.InstitutionKindYOUTH_SERVICES,
		post.InstitutionKindSOCIAL_ASSISTANCE, post.InstitutionKindRESCUE, post.InstitutionKindMINOR_PROTECTION,
		post.InstitutionKindVETERANS_SERVICES, post.InstitutionKindOTHER,
	}
}

// Query is the module's namespace of reads (IncentivesQuery).
type Query struct{ m *Module }

// RankLevel is the certificate level a post's professional rank calls for: JUNIOR → ASSISTANT,
// INTERMEDIATE → INTERMEDIATE, SENIOR → SENIOR.
func RankLevel(r post.Rank) enum.CertificateLevel {
	switch r {
	case post.RankJUNIOR:
		return enum.LevelAssistant
	case post.RankINTERMEDIATE:
		return enum.LevelIntermediate
	default:
		return enum.LevelSenior
	}
}

// rankMismatch holds for held posts whose holder's highest certificate valid at d is not the
// level the rank calls for, a holder without a valid certificate included.
func rankMismatch(d civil.Date) predicate.Post {
	var alts []predicate.Post
	for _, r := range []post.Rank{post.RankJUNIOR, post.RankINTERMEDIATE, post.RankSENIOR} {
		alts = append(alts, post.And(post.RankEQ(r), post.Not(post.HasHolderWith(workforce.HighestLevelAt(d, RankLevel(r))))))
	}
	return post.And(post.HasHolder(), post.Or(alts...))
}

// postOrder lists posts by institution, then ID.
func postOrder() ent.PostPaginateOption {
	return ent.WithPostOrder(&ent.PostOrder{Direction: entgql.OrderDirectionAsc, Field: ent.PostOrderFieldInstitution})
}

// Posts lists the posts by institution, optionally of one kind of institution or only main
// professional posts.
func (q *Query) Posts(ctx context.Context, institutionKind *post.InstitutionKind, mainProfessional *bool, after *entgql.Cursor[int], first *int) (*ent.PostConnection, error) {
	query := q.m.cfg.Ent(ctx).Post.Query()
	if institutionKind != nil {
		query.Where(post.InstitutionKindEQ(*institutionKind))
	}
	if mainProfessional != nil {
		query.Where(post.MainProfessional(*mainProfessional))
	}
	return query.Paginate(ctx, after, first, nil, nil, postOrder())
}

// RankMismatches lists the held posts whose rank does not match the holder's certificate level on
// a date (today when nil), by institution: they are recorded, and listed here for review.
func (q *Query) RankMismatches(ctx context.Context, asOf *civil.Date, after *entgql.Cursor[int], first *int) (*ent.PostConnection, error) {
	return q.m.cfg.Ent(ctx).Post.Query().Where(rankMismatch(q.m.cfg.AsOf(asOf))).Paginate(ctx, after, first, nil, nil, postOrder())
}

// KindSummary sums the posts of one kind of institution (PostSummary).
type KindSummary struct {
	// InstitutionKind is the kind of institution.
	InstitutionKind post.InstitutionKind
	// Posts counts its posts.
	Posts int
	// MainProfessional counts the main professional posts among them.
	MainProfessional int
	// HeldByCertified counts those held by a certified social worker on the date.
	HeldByCertified int
}

// PostSummary sums the posts of each kind of institution on a date (today when nil), in the
// order of the kinds, in two aggregates.
func (q *Query) PostSummary(ctx context.Context, asOf *civil.Date) ([]*KindSummary, error) {
	d := q.m.cfg.AsOf(asOf)
	c := q.m.cfg.Ent(ctx)
	var rows []struct {
		Kind  post.InstitutionKind `json:"institution_kind"`
		Count int                  `json:"count"`
		Main  int                  `json:"main"`
	}
	main := func(s *sql.Selector) string {
		return fmt.Sprintf("SUM(CASE WHEN %s THEN 1 ELSE 0 END)", s.C(post.FieldMainProfessional))
	}
	if err := c.Post.Query().GroupBy(post.FieldInstitutionKind).
		Aggregate(ent.Count(), ent.As(main, "main")).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("sum posts: %w", err)
	}
	var held []struct {
		Kind  post.InstitutionKind `json:"institution_kind"`
		Count int                  `json:"count"`
	}
	if err := c.Post.Query().Where(post.HasHolderWith(workforce.CertifiedAt(d))).GroupBy(post.FieldInstitutionKind).
		Aggregate(ent.Count()).Scan(ctx, &held); err != nil {
		return nil, fmt.Errorf("count posts held by certified workers: %w", err)
	}
	out := make([]*KindSummary, 0, len(rows))
	for _, r := range rows {
		k := &KindSummary{InstitutionKind: r.Kind, Posts: r.Count, MainProfessional: r.Main}
		for _, h := range held {
			if h.Kind == r.Kind {
				k.HeldByCertified = h.Count
			}
		}
		out = append(out, k)
	}
	kinds := institutionKinds()
	slices.SortFunc(out, func(a, b *KindSummary) int {
		return slices.Index(kinds, a.InstitutionKind) - slices.Index(kinds, b.InstitutionKind)
	})
	return out, nil
}

// Recognitions lists recognitions, latest year first, optionally of one kind or year.
func (q *Query) Recognitions(ctx context.Context, kind *recognition.Kind, year *int, after *entgql.Cursor[int], first *int) (*ent.RecognitionConnection, error) {
	query := q.m.cfg.Ent(ctx).Recognition.Query()
	if kind != nil {
		query.Where(recognition.KindEQ(*kind))
	}
	if year != nil {
		query.Where(recognition.Year(*year))
	}
	return query.Paginate(ctx, after, first, nil, nil,
		ent.WithRecognitionOrder(&ent.RecognitionOrder{Direction: entgql.OrderDirectionDesc, Field: ent.RecognitionOrderFieldYear}))
}

// AllowanceRates lists the allowance rates by level, then first month.
func (q *Query) AllowanceRates(ctx context.Context) ([]*ent.AllowanceRate, error) {
	rates, err := q.m.cfg.Ent(ctx).AllowanceRate.Query().
		Order(allowancerate.ByEffectiveFrom()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load allowance rates: %w", err)
	}
	slices.SortStableFunc(rates, func(a, b *ent.AllowanceRate) int { return a.Level.Rank() - b.Level.Rank() })
	return rates, nil
}
