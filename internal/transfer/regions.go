package transfer

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"swtalent/ent"
	"swtalent/ent/region"
	"swtalent/internal/apperr"
	"swtalent/internal/refdata"
	"swtalent/internal/validate"
)

// regionData is a parsed row of the regions sheet.
type regionData struct {
	code, name string
	level      region.Level
	kind       region.Kind
	population *int
}

// levelRank orders region levels from the top.
var levelRank = map[region.Level]int{region.LevelPROVINCE: 0, region.LevelCITY: 1, region.LevelCOUNTY: 2, region.LevelTOWNSHIP: 3, region.LevelVILLAGE: 4}

// Regions is the register of administrative divisions (行政区划), keyed by code: how real village
// lists are loaded. A region's parent is the nearest enclosing region already known.
func Regions() *Kind {
	return &Kind{
		Name:    "regions",
		Entity:  "Region",
		TitleZH: "行政区划",
		Columns: []Column{
			{Key: "code", ZH: "区划代码", Aliases: []string{"code", "统计用区划代码", "region code"}, Required: true, Fields: []string{"parentID"}, Example: "361126001001"},
			{Key: "name", ZH: "名称", Aliases: []string{"name", "区划名称"}, Required: true, Example: "东街社区"},
			{Key: "kind", ZH: "区划类型", Aliases: []string{"kind", "类型", "城乡分类"}, Example: "社区", Note: "留空时按代码推定；" + RegionKinds.Note()},
			{Key: "population", ZH: "常住人口", Aliases: []string{"population"}, Example: "3500"},
		},
		KeyColumn: "code",
		Parse:     parseRegion,
		Order: func(recs []*Record) {
			slices.SortStableFunc(recs, func(a, b *Record) int {
				da, db := a.Data.(*regionData), b.Data.(*regionData)
				if d := levelRank[da.level] - levelRank[db.level]; d != 0 {
					return d
				}
				return strings.Compare(da.code, db.code)
			})
		},
		Write:  writeRegions,
		Export: exportRegions,
	}
}

func parseRegion(ctx context.Context, env *Env, row Row) (*Record, error) {
	var errs []error
	code, err := validate.RegionCode("code", row.Get("code"))
	if err != nil {
		return nil, err
	}
	d := &regionData{code: code, name: row.Get("name"), level: region.Level(validate.RegionLevelOf(code))}
	if len([]rune(d.name)) > 100 {
		errs = append(errs, apperr.Invalid("name", "名称不能超过100个字", "name must be at most 100 characters"))
	}
	if v := row.Get("kind"); v != "" {
		if k, err := RegionKinds.Parse("kind", v); err != nil {
			errs = append(errs, err)
		} else {
			d.kind = region.Kind(k)
		}
	} else {
		d.kind = defaultRegionKind(code, d.level)
	}
	if d.population, err = ParseInt("population", row.Get("population")); err != nil {
		errs = append(errs, err)
	} else if d.population != nil && *d.population < 0 {
		errs = append(errs, apperr.Invalid("population", "人口不能为负数", "population must not be negative"))
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	return &Record{Key: code, Data: d}, nil
}

// defaultRegionKind is the usual kind of a code's range (DOMAIN: 001–099 subdistrict, 100–199
// town, 200–399 township; 001–199 community, else village).
func defaultRegionKind(code string, level region.Level) region.Kind {
	switch level {
	case region.LevelPROVINCE:
		return region.KindPROVINCE
	case region.LevelCITY:
		return region.KindCITY
	case region.LevelCOUNTY:
		return region.KindCOUNTY
	case region.LevelTOWNSHIP:
		switch n := code[6:9]; {
		case n < "100":
			return region.KindSUBDISTRICT
		case n < "200":
			return region.KindTOWN
		case n < "400":
			return region.KindTOWNSHIP
		}
		return region.KindOTHER_TOWNSHIP_LEVEL
	}
	if code[9:] < "200" {
		return region.KindCOMMUNITY
	}
	return region.KindVILLAGE
}

func writeRegions(ctx context.Context, env *Env, batch []*Record) (Counts, error) {
	var counts Counts
	var codes []string
	for _, r := range batch {
		d := r.Data.(*regionData)
		codes = append(codes, d.code)
		refdata.ParentCode(d.code, func(c string) bool { codes = append(codes, c); return false })
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	stored, err := env.Client.Region.Query().Where(region.CodeIn(codes...)).All(ctx)
	if err != nil {
		return counts, fmt.Errorf("look up regions: %w", err)
	}
	byCode := make(map[string]*ent.Region, len(codes))
	for _, r := range stored {
		byCode[r.Code] = r
	}
	exists := func(c string) bool { return byCode[c] != nil }
	// Create level by level, so that a region's parent from the same file already exists.
	var creates []*ent.RegionCreate
	flush := func() error {
		if len(creates) == 0 {
			return nil
		}
		made, err := env.Client.Region.CreateBulk(creates...).Save(ctx)
		if err != nil {
			return err
		}
		for _, r := range made {
			byCode[r.Code] = r
		}
		counts.Created += len(made)
		creates = nil
		return nil
	}
	var level region.Level
	for i, r := range batch {
		d := r.Data.(*regionData)
		if d.level != level {
			if err := flush(); err != nil {
				return counts, err
			}
			level = d.level
		}
		if cur := byCode[d.code]; cur != nil {
			if cur.Name == d.name && cur.Kind == d.kind && (!r.cells.Has("population") || PtrEqual(cur.Population, d.population)) {
				counts.Unchanged++
				continue
			}
			u := cur.Update().SetName(d.name).SetKind(d.kind)
			if r.cells.Has("population") {
				if d.population == nil {
					u.ClearPopulation()
				} else {
					u.SetPopulation(*d.population)
				}
			}
			if err := u.Exec(ctx); err != nil {
				return counts, At(i, err)
			}
			counts.Updated++
			continue
		}
		c := env.Client.Region.Create().SetCode(d.code).SetName(d.name).SetKind(d.kind).SetLevel(d.level).SetNillablePopulation(d.population)
		if p := refdata.ParentCode(d.code, exists); p != "" {
			c.SetParentID(byCode[p].ID)
		} else if d.level != region.LevelPROVINCE {
			return counts, At(i, apperr.Invalid("code", "上级区划不存在（请先导入上级区划）", "no enclosing region exists (import the parent region first)"))
		}
		creates = append(creates, c)
	}
	return counts, flush()
}

func exportRegions(ctx context.Context, env *Env, emit func(map[string]string) error) error {
	return Pages(ctx, func(after, limit int) (int, error) {
		list, err := env.Client.Region.Query().Where(region.IDGT(after)).Order(ent.Asc(region.FieldID)).Limit(limit).All(ctx)
		if err != nil {
			return 0, err
		}
		for _, r := range list {
			if err := emit(map[string]string{"code": r.Code, "name": r.Name, "kind": RegionKinds.Label(string(r.Kind)), "population": FormatInt(r.Population)}); err != nil {
				return 0, err
			}
			after = r.ID
		}
		if len(list) < limit {
			return 0, nil
		}
		return after, nil
	})
}
