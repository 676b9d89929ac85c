package campus

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/base"
	"swtalent/ent/placement"
	"swtalent/ent/predicate"
	"swtalent/ent/schema/enum"
	"swtalent/ent/servicepoint"
	"swtalent/ent/university"
	"swtalent/internal/civil"
)

// Query is the module's namespace of reads (CampusQuery).
type Query struct{ m *Module }

// UniversityPlacements sums one university's placements in a term (PlacementSummary).
type UniversityPlacements struct {
	University *ent.University
	// Placements counts the term's placements, cancelled ones excepted.
	Placements int
	// Completed counts those completed.
	Completed int
	// Hours sums the hours logged.
	Hours int
}

// PracticeBases lists the practice bases open during the term (or open today when no term is
// given), optionally only those whose host works in a field or lies in a region, by name.
func (q *Query) PracticeBases(ctx context.Context, field *enum.ServiceField, regionCode *string, term *civil.Term, after *entgql.Cursor[int], first *int) (*ent.BaseConnection, error) {
	from, to := q.m.cfg.Today(), q.m.cfg.Today()
	if term != nil {
		from, to = term.Start(), term.End()
	}
	preds := []predicate.Base{base.KindEQ(base.KindPRACTICE), base.DesignatedOnLTE(to),
		base.Or(base.ClosedOnIsNil(), base.ClosedOnGTE(from))}
	if regionCode != nil && *regionCode != "" {
		r, err := q.m.cfg.Region(ctx, regionCode)
		if err != nil {
			return nil, err
		}
		preds = append(preds, baseIn(q.m.cfg.ScopeCode(r)))
	}
	if field != nil {
		works := func(s *sql.Selector) { s.Where(sqljson.ValueContains(s.C(agency.FieldServiceFields), string(*field))) }
		preds = append(preds, base.Or(
			base.HasHostAgencyWith(works),
			base.HasHostPointWith(servicepoint.HasOperatorWith(works))))
	}
	return q.m.cfg.Ent(ctx).Base.Query().Where(preds...).
		Paginate(ctx, after, first, nil, nil, ent.WithBaseOrder(&ent.BaseOrder{Direction: entgql.OrderDirectionAsc, Field: ent.BaseOrderFieldName}))
}

// Placements lists placements, newest first, optionally of one university, in one status or term.
// A university account only ever sees its own university's placements.
func (q *Query) Placements(ctx context.Context, universityID *int, status *placement.Status, term *civil.Term, after *entgql.Cursor[int], first *int) (*ent.PlacementConnection, error) {
	query := q.m.cfg.Ent(ctx).Placement.Query()
	if universityID != nil {
		query.Where(placement.HasUniversityWith(university.ID(*universityID)))
	}
	if status != nil {
		query.Where(placement.StatusEQ(*status))
	}
	if term != nil {
		query.Where(placement.TermEQ(*term))
	}
	return query.Paginate(ctx, after, first, nil, nil,
		ent.WithPlacementOrder(&ent.PlacementOrder{Direction: entgql.OrderDirectionDesc, Field: ent.PlacementOrderFieldStartsOn}))
}

// PlacementSummary sums each university's placements in a term, cancelled ones excepted, in one
// aggregate. It reads what the viewer may read: a university account gets its own line only.
func (q *Query) PlacementSummary(ctx context.Context, term civil.Term) ([]*UniversityPlacements, error) {
	var rows []struct {
		University int `json:"placement_university"`
		Count      int `json:"count"`
		Completed  int `json:"completed"`
		Hours      int `json:"hours"`
	}
	completed := func(s *sql.Selector) string {
		return fmt.Sprintf("SUM(CASE WHEN %s = '%s' THEN 1 ELSE 0 END)", s.C(placement.FieldStatus), placement.StatusCOMPLETED)
	}
	err := q.m.cfg.Ent(ctx).Placement.Query().
		Where(placement.TermEQ(term), placement.StatusNEQ(placement.StatusCANCELLED)).
		GroupBy(placement.UniversityColumn).
		Aggregate(ent.Count(), ent.As(completed, "completed"), ent.As(ent.Sum(placement.FieldLoggedHours), "hours")).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("sum placements: %w", err)
	}
	ids := make([]int, len(rows))
	for i, r := range rows {
		ids[i] = r.University
	}
	unis, err := q.m.cfg.Ent(ctx).University.Query().Where(university.IDIn(ids...)).Order(university.ByName()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load universities: %w", err)
	}
	out := make([]*UniversityPlacements, 0, len(rows))
	for _, u := range unis {
		for _, r := range rows {
			if r.University == u.ID {
				out = append(out, &UniversityPlacements{University: u, Placements: r.Count, Completed: r.Completed, Hours: r.Hours})
			}
		}
	}
	return out, nil
}
