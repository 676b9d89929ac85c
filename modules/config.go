package modules

import (
	"context"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
)

// Config is what the host gives every module's New function.
type Config struct {
	// Client reads the database outside of mutations. Inside a mutation use Ent(ctx), which
	// returns the request's transaction.
	Client *ent.Client
	// TopRegion is the code of the deployment's top region (361126000000 for Yiyang County), or
	// "" for a national deployment.
	TopRegion string
	// Today returns the current county-local date; tests replace it.
	Today func() civil.Date
	// Setting returns a module's local setting by name (the command reads SWTALENT_<NAME> from
	// the environment), or "" when unset; nil means no settings.
	Setting func(name string) string
}

// Ent returns the client to use in ctx: the mutation's transaction when there is one, else the
// configured client.
func (c Config) Ent(ctx context.Context) *ent.Client {
	if tx := ent.FromContext(ctx); tx != nil {
		return tx
	}
	return c.Client
}

// Aggregate returns the context for an aggregate over records the viewer may not read one by
// one: public statistics (counts, coverage) are visible to every role, so scopes restrict
// records, not aggregates. Use it for counts and sums only; never return a record read with it.
func Aggregate(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// AsOf returns *d, or today when d is nil.
func (c Config) AsOf(d *civil.Date) civil.Date {
	if d != nil {
		return *d
	}
	return c.Today()
}

// Region resolves the regionCode argument of a statistics query: nil or "" is the deployment's top
// region; anything else must be the code of a known region. The returned region is nil only for a
// national deployment's top (the whole country).
func (c Config) Region(ctx context.Context, code *string) (*ent.Region, error) {
	want := c.TopRegion
	if code != nil && *code != "" {
		want = *code
	}
	if want == "" {
		return nil, nil
	}
	r, err := c.Ent(ctx).Region.Query().Where(region.Code(want)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("regionCode", "区划代码不存在", "no region has this code")
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// RegionCount is a count for one region, as in a byRegion breakdown.
type RegionCount struct {
	Region *ent.Region
	Count  int
}

// YearCount is a count for one year, as in a time series.
type YearCount struct {
	Year  int
	Total int
}

// CheckYearRange rejects year ranges that run backwards or span more than 50 years.
func CheckYearRange(fromYear, toYear int) error {
	switch {
	case toYear < fromYear:
		return apperr.Invalid("toYear", "结束年份不能早于开始年份", "toYear must not be before fromYear")
	case toYear-fromYear >= 50:
		return apperr.Invalid("toYear", "年份跨度不能超过50年", "a year range may span at most 50 years")
	case fromYear < civil.MinYear || toYear > civil.MaxYear:
		return apperr.Invalid("fromYear", "年份超出范围", "year is out of range")
	}
	return nil
}

// ScopeCode is the region filter of a Scope for a resolved region: "" (no filter, so that people
// without a recorded workplace still count) for the top region, else the region's code.
func (c Config) ScopeCode(r *ent.Region) string {
	if r == nil || r.Code == c.TopRegion {
		return ""
	}
	return r.Code
}

// RegionOf is the region code an indicator's scope measures: its own, or the deployment's top
// region for "" ("" again for a national deployment).
func (c Config) RegionOf(at Scope) string {
	if at.RegionCode != "" {
		return at.RegionCode
	}
	return c.TopRegion
}
