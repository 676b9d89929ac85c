// Package graph is the GraphQL layer of swtalent: the root resolver holding the modules, the
// generated executor, thin resolvers, and the HTTP handler with its limits and error presenter.
package graph

import (
	"swtalent/ent"
	"swtalent/internal/auth"
	"swtalent/internal/transfer"
	"swtalent/modules"
	"swtalent/modules/campus"
	"swtalent/modules/doubling"
	"swtalent/modules/expansion"
	"swtalent/modules/incentives"
	"swtalent/modules/linkage"
	"swtalent/modules/network"
	"swtalent/modules/plan"
	"swtalent/modules/quality"
)

// Resolver is the root resolver. Each module is a field named <Key>Module (a field named like a
// root query field would be shadowed by gqlgen's generated method).
type Resolver struct {
	client *ent.Client
	cfg    modules.Config
	auth   *auth.Service
	jobs   *transfer.Jobs

	PlanModule       *plan.Module
	DoublingModule   *doubling.Module
	QualityModule    *quality.Module
	ExpansionModule  *expansion.Module
	NetworkModule    *network.Module
	LinkageModule    *linkage.Module
	CampusModule     *campus.Module
	IncentivesModule *incentives.Module
}
