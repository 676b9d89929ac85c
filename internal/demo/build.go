package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
)

// builder carries what the steps of Build share beyond the World itself.
type builder struct {
	*World
	// townshipOf maps a village's ID to its township.
	townshipOf map[int]*ent.Region
	// pointOf maps a village's ID to its village point, if it has one.
	pointOf map[int]*ent.ServicePoint
	// stationsOf maps an agency's ID to the township stations it operates.
	stationsOf map[int][]*ent.ServicePoint
	// regionOf maps an agency's ID to the region of its seat.
	regionOf map[int]*ent.Region
	// socialWork are the social-work agencies (not the community social organisations).
	socialWork []*ent.Agency
	// ids are the ID numbers given so far.
	ids map[string]bool
	// carried are the certificates whose next registration falls after the anchor.
	carried []carry
}

// Build creates the core demo world (after refdata.Load) for the day until and returns it for
// modules to extend: the plan's period up to 2025-12-31 always, and ordinary activity after it
// up to the last day of the month before until (World.End). The same until gives the same world,
// and every record up to 2025-12-31 is the same whatever until is. The database must be empty (see Empty) and hold the reference data: the deployment's top
// region must be a county with its townships, and the departments must be loaded. client should
// be a transaction's client, so that the world and what modules add to it commit together (Load
// does that). Build checks the registers with privacy decisions allowed: it is a system task.
func Build(ctx context.Context, client *ent.Client, until civil.Date) (*World, error) {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	empty, err := Empty(ctx, client)
	if err != nil {
		return nil, fmt.Errorf("build demo world: %w", err)
	}
	if !empty {
		return nil, errors.New("build demo world: the database already holds registers; demo data goes only into an empty database")
	}
	b := &builder{
		World: &World{
			Client: client,
			Rand:   rand.New(rand.NewPCG(2022, 1215)),
			Later:  rand.New(rand.NewPCG(2026, 1215)),
			Anchor: PlanEnd(),
			Until:  until,
		},
		ids:        make(map[string]bool),
		townshipOf: make(map[int]*ent.Region),
		pointOf:    make(map[int]*ent.ServicePoint),
		stationsOf: make(map[int][]*ent.ServicePoint),
		regionOf:   make(map[int]*ent.Region),
	}
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"reference data", b.locate},
		{"villages", b.addVillages},
		{"agencies", b.addAgencies},
		{"university", b.addUniversity},
		{"service points", b.addPoints},
		{"persons", b.addPersons},
		{"certificates", b.addCertificates},
		{"registrations", b.addRegistrations},
		{"after the plan", b.addLater},
	}
	for _, s := range steps {
		if err := s.run(ctx); err != nil {
			return nil, fmt.Errorf("build demo world: %s: %w", s.name, err)
		}
	}
	return b.World, nil
}

// PlanEnd is 2025-12-31, the last day of the plan's period (World.Anchor).
func PlanEnd() civil.Date { return civil.DateFor(2025, time.December, 31) }

// locate finds the county, its townships and the departments the reference data loaded.
func (b *builder) locate(ctx context.Context) error {
	code, err := refdata.TopRegionCode()
	if err != nil {
		return err
	}
	if code == "" {
		return errors.New("the reference regions have no single top region")
	}
	b.County, err = b.Client.Region.Query().Where(region.Code(code)).Only(ctx)
	if ent.IsNotFound(err) {
		return fmt.Errorf("top region %s is not in the database (load the reference data first)", code)
	}
	if err != nil {
		return fmt.Errorf("query top region %s: %w", code, err)
	}
	if b.County.Level != region.LevelCOUNTY {
		return fmt.Errorf("top region %s is a %s, not a county", code, b.County.Level)
	}
	b.Townships, err = b.Client.Region.Query().
		Where(region.ParentID(b.County.ID), region.LevelEQ(region.LevelTOWNSHIP)).
		Order(region.ByCode()).
		All(ctx)
	if err != nil {
		return fmt.Errorf("query townships: %w", err)
	}
	if len(b.Townships) == 0 {
		return fmt.Errorf("county %s has no townships (load the reference data first)", code)
	}
	depts, err := b.Client.Department.Query().All(ctx)
	if err != nil {
		return fmt.Errorf("query departments: %w", err)
	}
	b.Departments = make(map[string]*ent.Department, len(depts))
	for _, d := range depts {
		b.Departments[d.ShortName] = d
	}
	return nil
}

// department returns the department with the given short name, or an error naming it.
func (b *builder) department(short string) (*ent.Department, error) {
	d := b.Departments[short]
	if d == nil {
		return nil, fmt.Errorf("department %s is not in the database", short)
	}
	return d, nil
}
