package demo

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/region"
	"swtalent/internal/validate"
)

// countyPopulation is Yiyang County's resident population at the 2020 census.
const countyPopulation = 338817

// addVillages creates 8–10 synthetic villages or communities below every township, codes
// following the NBS rule (township prefix + 001–199 for communities, 200–399 for villages),
// with resident populations; townships get the sum of theirs and the county its census figure.
func (b *builder) addVillages(ctx context.Context) error {
	var creates []*ent.RegionCreate
	var parents []int // index into b.Townships of each village's township
	for ti, t := range b.Townships {
		prefix := validate.RegionPrefix(t.Code)
		if len(prefix) != 9 {
			return fmt.Errorf("township %s has no 9-digit prefix", t.Code)
		}
		n := 8 + b.Rand.IntN(3)
		communities := 0
		switch t.Kind {
		case region.KindSUBDISTRICT:
			communities = n - b.Rand.IntN(2)
		case region.KindTOWN:
			communities = 1 + b.Rand.IntN(3)
		}
		used := make(map[string]bool)
		for i := range n {
			c := b.Client.Region.Create().SetDemo(true).SetParentID(t.ID).SetLevel(region.LevelVILLAGE)
			if i < communities {
				c.SetCode(fmt.Sprintf("%s%03d", prefix, i+1)).
					SetKind(region.KindCOMMUNITY).
					SetName(placeName(b.Rand, "社区", used)).
					SetPopulation(1800 + b.Rand.IntN(3601))
			} else {
				c.SetCode(fmt.Sprintf("%s%03d", prefix, 200+i-communities)).
					SetKind(region.KindVILLAGE).
					SetName(placeName(b.Rand, "村", used)).
					SetPopulation(800 + b.Rand.IntN(1801))
			}
			creates = append(creates, c)
			parents = append(parents, ti)
		}
	}
	villages, err := b.Client.Region.CreateBulk(creates...).Save(ctx)
	if err != nil {
		return fmt.Errorf("create villages: %w", err)
	}
	b.Villages = villages
	sums := make([]int, len(b.Townships))
	for i, v := range villages {
		sums[parents[i]] += *v.Population
	}
	for i, t := range b.Townships {
		upd, err := t.Update().SetPopulation(sums[i]).Save(ctx)
		if err != nil {
			return fmt.Errorf("set population of %s: %w", t.Name, err)
		}
		b.Townships[i] = upd
	}
	for i, v := range villages {
		b.townshipOf[v.ID] = b.Townships[parents[i]]
	}
	b.County, err = b.County.Update().SetPopulation(countyPopulation).Save(ctx)
	if err != nil {
		return fmt.Errorf("set population of %s: %w", b.County.Name, err)
	}
	return nil
}
