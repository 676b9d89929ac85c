package linkage

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"

	"swtalent/ent"
	"swtalent/ent/demonstrationcommunity"
	"swtalent/ent/region"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
)

// Query is the module's namespace of reads (LinkageQuery).
type Query struct{ m *Module }

// Assessment measures one village or community against the five criteria on a date (today when
// asOf is nil), whether or not it is a demonstration community.
func (q *Query) Assessment(ctx context.Context, regionCode string, asOf *civil.Date) (*Assessment, error) {
	r, err := q.m.cfg.Region(ctx, &regionCode)
	if err != nil {
		return nil, err
	}
	if r == nil || r.Level != region.LevelVILLAGE {
		return nil, apperr.Invalid("regionCode", "须为村（社区）级区划代码", "regionCode must be the code of a village or community")
	}
	as, err := q.m.assess(ctx, q.m.cfg.AsOf(asOf), []*ent.Region{r}, served)
	if err != nil {
		return nil, err
	}
	dc, err := q.m.cfg.Ent(ctx).DemonstrationCommunity.Query().Where(demonstrationcommunity.CommunityID(r.ID)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("load demonstration record: %w", err)
	}
	as[0].Demonstration = dc
	return as[0], nil
}

// DemonstrationCommunities lists the demonstration communities, latest designated first.
func (q *Query) DemonstrationCommunities(ctx context.Context, after *entgql.Cursor[int], first *int) (*ent.DemonstrationCommunityConnection, error) {
	return q.m.cfg.Ent(ctx).DemonstrationCommunity.Query().
		Paginate(ctx, after, first, nil, nil, ent.WithDemonstrationCommunityOrder(&ent.DemonstrationCommunityOrder{
			Direction: entgql.OrderDirectionDesc, Field: ent.DemonstrationCommunityOrderFieldDesignatedYear,
		}))
}

// Overview assesses every demonstration community active on a date (today when nil) in a region
// (the deployment's top region when nil).
func (q *Query) Overview(ctx context.Context, asOf *civil.Date, regionCode *string) (*Overview, error) {
	r, err := q.m.cfg.Region(ctx, regionCode)
	if err != nil {
		return nil, err
	}
	return q.m.overview(ctx, q.m.cfg.AsOf(asOf), q.m.cfg.ScopeCode(r), served)
}
