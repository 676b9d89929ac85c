package demo

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/privacy"
)

// Empty reports whether the database holds no demo-able records yet (no persons, agencies,
// certificates, points). Reference data (regions, departments, plan tasks and targets) does
// not count.
func Empty(ctx context.Context, client *ent.Client) (bool, error) {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	checks := []struct {
		name  string
		exist func(context.Context) (bool, error)
	}{
		{"persons", client.Person.Query().Exist},
		{"agencies", client.Agency.Query().Exist},
		{"certificates", client.Certificate.Query().Exist},
		{"service points", client.ServicePoint.Query().Exist},
	}
	for _, c := range checks {
		found, err := c.exist(ctx)
		if err != nil {
			return false, fmt.Errorf("check for %s: %w", c.name, err)
		}
		if found {
			return false, nil
		}
	}
	return true, nil
}
