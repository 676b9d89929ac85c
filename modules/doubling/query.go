package doubling

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/modules"
)

// Query is the module's namespace of reads (the GraphQL type DoublingQuery).
type Query struct{ m *Module }

// Workforce is the certified workforce at one date in one region (CertifiedWorkforce).
type Workforce struct {
	AsOf   civil.Date
	Region *ent.Region
	code   string // region filter; "" = everywhere
	m      *Module
}

// LevelCount is a count of people for one certificate level.
type LevelCount struct {
	Level enum.CertificateLevel
	Count int
}

// CertifiedWorkforce answers doubling.certifiedWorkforce.
func (q *Query) CertifiedWorkforce(ctx context.Context, asOf *civil.Date, regionCode *string) (*Workforce, error) {
	r, err := q.m.cfg.Region(ctx, regionCode)
	if err != nil {
		return nil, err
	}
	return &Workforce{AsOf: q.m.cfg.AsOf(asOf), Region: r, code: q.m.cfg.ScopeCode(r), m: q.m}, nil
}

// Total counts certified social workers.
func (w *Workforce) Total(ctx context.Context) (int, error) {
	return w.m.certified(ctx, w.AsOf, w.code)
}

// ByLevel counts certified social workers by the level of their highest valid certificate, from
// the kept certified spans (workforce.HighestLevelAt is the reference).
func (w *Workforce) ByLevel(ctx context.Context) ([]*LevelCount, error) {
	counts, err := facts.CountByLevel(modules.Aggregate(ctx), w.m.cfg.Ent(ctx), enum.FactCertified, w.AsOf, w.code)
	if err != nil {
		return nil, err
	}
	var out []*LevelCount
	for _, v := range enum.LevelAssistant.Values() {
		level := enum.CertificateLevel(v)
		out = append(out, &LevelCount{Level: level, Count: counts[level]})
	}
	return out, nil
}

// ByRegion counts certified social workers in each region directly below the counted one.
func (w *Workforce) ByRegion(ctx context.Context) ([]*modules.RegionCount, error) {
	q := w.m.cfg.Ent(ctx).Region.Query().Order(region.ByCode())
	if w.Region != nil {
		q.Where(region.ParentID(w.Region.ID))
	} else {
		q.Where(region.ParentIDIsNil())
	}
	children, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load regions below %s: %w", w.code, err)
	}
	out := make([]*modules.RegionCount, 0, len(children))
	for _, c := range children {
		n, err := w.m.certified(ctx, w.AsOf, c.Code)
		if err != nil {
			return nil, err
		}
		out = append(out, &modules.RegionCount{Region: c, Count: n})
	}
	return out, nil
}

// CertifiedSeries answers doubling.certifiedSeries: the count at each 31 December.
func (q *Query) CertifiedSeries(ctx context.Context, fromYear, toYear int, regionCode *string) ([]*modules.YearCount, error) {
	if err := modules.CheckYearRange(fromYear, toYear); err != nil {
		return nil, err
	}
	r, err := q.m.cfg.Region(ctx, regionCode)
	if err != nil {
		return nil, err
	}
	code := q.m.cfg.ScopeCode(r)
	out := make([]*modules.YearCount, 0, toYear-fromYear+1)
	for y := fromYear; y <= toYear; y++ {
		n, err := q.m.certified(ctx, civil.EndOfYear(y), code)
		if err != nil {
			return nil, err
		}
		out = append(out, &modules.YearCount{Year: y, Total: n})
	}
	return out, nil
}
