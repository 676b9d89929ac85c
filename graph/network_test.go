package graph_test

import (
	"fmt"
	"testing"

	"swtalent/ent/region"
	"swtalent/ent/servicepoint"
)

func TestNetworkCoverageOnDemoWorld(t *testing.T) {
	e := newEnv(t, true)
	ind := planAt(e, "2025-12-31")
	for _, key := range []string{"township_station_coverage", "village_point_coverage", "community_worker_skill_coverage", "practice_bases", "training_bases"} {
		if got, ok := ind["network."+key]; !ok || got.Actual == nil {
			t.Errorf("network.%s: %+v", key, got)
		}
	}
	var d struct {
		Network struct {
			Coverage struct {
				Townships, Villages struct {
					Total, Covered int
					Rate           float64
				}
				ByRegion []struct {
					Region                    struct{ Code string }
					Station                   *struct{ Name string }
					Villages, VillagesCovered int
				}
			}
		}
	}
	const q = `{ network { coverage(asOf: "2025-12-31") { townships { total covered rate } villages { total covered rate }
		byRegion { region { code } station { name } villages villagesCovered } } } }`
	e.as("").ok(q, nil, &d)
	c := d.Network.Coverage
	if c.Townships.Total != 17 || c.Townships.Rate <= 0 || c.Townships.Rate >= 1 {
		t.Fatalf("townships: %+v", c.Townships)
	}
	// Counted independently: townships with an open station at the date.
	d25 := "2025-12-31"
	covered := 0
	for _, town := range e.client.Region.Query().Where(region.LevelEQ(region.LevelTOWNSHIP)).AllX(sys()) {
		points := town.QueryServicePoints().Where(servicepoint.TierEQ(servicepoint.TierTOWNSHIP_STATION)).AllX(sys())
		for _, p := range points {
			if (p.OpenedOn == nil || p.OpenedOn.String() <= d25) && (p.ClosedOn == nil || p.ClosedOn.String() > d25) {
				covered++
				break
			}
		}
	}
	if c.Townships.Covered != covered {
		t.Fatalf("townships covered: %d, counted %d", c.Townships.Covered, covered)
	}
	sum, stations := 0, 0
	for _, r := range c.ByRegion {
		sum += r.VillagesCovered
		if r.Station != nil {
			stations++
		}
	}
	if len(c.ByRegion) != 17 || sum != c.Villages.Covered || stations != covered {
		t.Fatalf("by region: %d townships, %d villages covered of %d, %d stations", len(c.ByRegion), sum, c.Villages.Covered, stations)
	}

	// The statements do not grow with the number of villages.
	statements := func() int {
		e.count.Reset()
		e.ok(q, nil, &d)
		return e.count.N()
	}
	before := statements()
	town := e.client.Region.Query().Where(region.LevelEQ(region.LevelTOWNSHIP)).FirstX(sys())
	for i := range 30 {
		e.client.Region.Create().SetCode(fmt.Sprintf("%s%03d", town.Code[:9], 350+i)).SetName(fmt.Sprintf("新村%d", i)).
			SetKind(region.KindVILLAGE).SetParent(town).SaveX(sys())
	}
	if after := statements(); after != before {
		t.Fatalf("statements: %d before, %d after adding 30 villages", before, after)
	}
}

func TestBaseNeedsExactlyOneHost(t *testing.T) {
	e := newEnv(t, true)
	a := e.client.Agency.Query().FirstX(sys())
	p := e.client.ServicePoint.Query().FirstX(sys())
	const create = `mutation($in: CreateBaseInput!) { createBase(input: $in) { id } }`
	e.fails(create, map[string]any{"in": map[string]any{"kind": "PRACTICE", "name": "实践基地", "designatedOn": "2025-01-01"}}, "BAD_USER_INPUT", "hostPointID")
	e.fails(create, map[string]any{"in": map[string]any{"kind": "PRACTICE", "name": "实践基地", "designatedOn": "2025-01-01",
		"hostPointID": p.ID, "hostAgencyID": a.ID}}, "BAD_USER_INPUT", "hostPointID")
	e.ok(create, map[string]any{"in": map[string]any{"kind": "PRACTICE", "name": "实践基地", "designatedOn": "2025-01-01", "hostPointID": p.ID}}, &map[string]any{})
}

func TestCommunitySkillCoverage(t *testing.T) {
	e := newEnv(t, true)
	var d struct {
		Network struct {
			CommunitySkillCoverage struct {
				Total, Covered int
				Rate           float64
				Uncovered      struct{ TotalCount int }
			}
		}
	}
	e.as("").ok(`{ network { communitySkillCoverage(asOf: "2025-12-31") { total covered rate uncovered(first: 5) { totalCount } } } }`, nil, &d)
	s := d.Network.CommunitySkillCoverage
	if s.Total == 0 || s.Covered == 0 || s.Covered >= s.Total || s.Uncovered.TotalCount != s.Total-s.Covered {
		t.Fatalf("skill coverage: %+v", s)
	}
}
