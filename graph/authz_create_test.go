package graph_test

import (
	"fmt"
	"testing"

	"swtalent/ent"
	"swtalent/ent/region"
	"swtalent/ent/servicepoint"
	"swtalent/internal/validate"
)

// The create matrix: every entity with a create mutation × every role × own and other scope,
// generated from the rules as the bureau states them (not read from the policy table).
func TestCreateMatrix(t *testing.T) {
	w := newWorld(t)
	ctx := sys()
	lo, hi := validate.RegionSubtreeRange(w.township.Code)
	ownVillage := w.client.Region.Query().Where(region.LevelEQ(region.LevelVILLAGE), region.CodeGTE(lo), region.CodeLT(hi)).FirstX(ctx)
	otherVillage := w.client.Region.Query().Where(region.LevelEQ(region.LevelVILLAGE), region.Or(region.CodeLT(lo), region.CodeGTE(hi))).FirstX(ctx)
	ownPerson, otherPerson := w.ownPerson.ID, w.foreign.ID
	seq := 0
	next := func() int { seq++; return seq }

	type variant struct {
		scope string // "own", "other" or "" (no scope involved)
		doc   func() string
	}
	entities := map[string][]variant{
		"Region": {{"", func() string {
			return fmt.Sprintf(`mutation { createRegion(input: {code: "%s", name: "新村%d", kind: VILLAGE, parentID: %d}) { id } }`,
				w.township.Code[:9]+fmt.Sprintf("%03d", 380+next()), seq, w.township.ID)
		}}},
		"Department": {{"", func() string {
			return fmt.Sprintf(`mutation { createDepartment(input: {shortName: "测试部门%d", name: "测试部门", kind: GOVERNMENT}) { id } }`, next())
		}}},
		"University": {{"", func() string {
			return fmt.Sprintf(`mutation { createUniversity(input: {name: "测试学院%d"}) { id } }`, next())
		}}},
		"Agency": {
			{"own", func() string {
				return fmt.Sprintf(`mutation { createAgency(input: {name: "新机构%d", regionID: %d}) { id } }`, next(), ownVillage.ID)
			}},
			{"other", func() string {
				return fmt.Sprintf(`mutation { createAgency(input: {name: "新机构%d", regionID: %d}) { id } }`, next(), otherVillage.ID)
			}},
		},
		"ServicePoint": {
			{"own", func() string {
				return fmt.Sprintf(`mutation { createServicePoint(input: {tier: VILLAGE_POINT, name: "服务点%d", regionID: %d, parentID: %d, operatorID: %d}) { id } }`,
					next(), freshVillage(t, w, w.township, seq), station(t, w, w.township), w.ownAgency.ID)
			}},
			{"other", func() string {
				return fmt.Sprintf(`mutation { createServicePoint(input: {tier: VILLAGE_POINT, name: "服务点%d", regionID: %d, parentID: %d, operatorID: %d}) { id } }`,
					next(), freshVillage(t, w, w.otherTownship, seq), station(t, w, w.otherTownship), w.other.ID)
			}},
		},
		"Certificate": {
			{"own", func() string {
				return fmt.Sprintf(`mutation { createCertificate(input: {number: "2025%014d", level: ASSISTANT, passedOn: "2025-11-01", holderID: %d}) { id } }`, next(), ownPerson)
			}},
			{"other", func() string {
				return fmt.Sprintf(`mutation { createCertificate(input: {number: "2025%014d", level: ASSISTANT, passedOn: "2025-11-01", holderID: %d}) { id } }`, next(), otherPerson)
			}},
		},
		"Account": {{"", func() string {
			return fmt.Sprintf(`mutation { createAccount(input: {username: "u%d", role: STAFF}, password: "a long password") { id } }`, next())
		}}},
	}
	// allowed[entity][role] lists the scopes in which the role may create the entity.
	allowed := map[string]map[string][]string{
		"Region":       {"ADMIN": {""}},
		"Department":   {"ADMIN": {""}},
		"University":   {"ADMIN": {""}},
		"Account":      {"ADMIN": {""}},
		"Agency":       {"ADMIN": {"own", "other"}, "STAFF": {"own", "other"}, "TOWNSHIP": {"own"}},
		"ServicePoint": {"ADMIN": {"own", "other"}, "STAFF": {"own", "other"}, "AGENCY": {"own"}, "TOWNSHIP": {"own"}},
		"Certificate":  {"ADMIN": {"own", "other"}, "STAFF": {"own", "other"}, "AGENCY": {"own"}, "TOWNSHIP": {"own"}},
	}
	for entity, variants := range entities {
		for _, role := range roles {
			for _, v := range variants {
				name := entity + "/" + role
				if v.scope != "" {
					name += "/" + v.scope
				}
				t.Run(name, func(t *testing.T) {
					ok := false
					for _, s := range allowed[entity][role] {
						ok = ok || s == v.scope
					}
					as := w.as(w.tokens[role])
					as.t = t
					if ok {
						var d map[string]any
						as.ok(v.doc(), nil, &d)
						return
					}
					as.fails(v.doc(), nil, "FORBIDDEN", "")
				})
			}
		}
	}
}

// freshVillage creates a village without a service point in a township (as the system) and
// returns its ID: each point created by the matrix needs a village of its own.
func freshVillage(t *testing.T, w *world, town *ent.Region, n int) int {
	t.Helper()
	r, err := w.client.Region.Create().SetCode(fmt.Sprintf("%s%03d", town.Code[:9], 300+n)).SetName(fmt.Sprintf("新村%d", n)).
		SetKind(region.KindVILLAGE).SetParent(town).Save(sys())
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

// station returns the open station of a township, creating it under the county centre if needed.
func station(t *testing.T, w *world, town *ent.Region) int {
	t.Helper()
	s, err := w.client.ServicePoint.Query().Where(servicepoint.TierEQ(servicepoint.TierTOWNSHIP_STATION),
		servicepoint.HasRegionWith(region.ID(town.ID)), servicepoint.ClosedOnIsNil()).First(sys())
	if err == nil {
		return s.ID
	}
	centre := w.client.ServicePoint.Query().Where(servicepoint.TierEQ(servicepoint.TierCOUNTY_CENTRE)).FirstX(sys())
	return w.client.ServicePoint.Create().SetTier(servicepoint.TierTOWNSHIP_STATION).SetName(town.Name + "社工站").
		SetRegion(town).SetParent(centre).SaveX(sys()).ID
}
