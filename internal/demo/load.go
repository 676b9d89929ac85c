package demo

import (
	"context"
	"errors"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
)

// Extension adds a part to the demo world; a module's DemoSeeder.Demo method is one.
type Extension func(ctx context.Context, w *World) error

// Load fills an empty database with the demo world for the day until (see Build) in one
// transaction: Build, then each
// extension in order (the host passes its modules' Demo methods), then commit. It returns
// false and does nothing when the database already holds registers (see Empty). The reference
// data must be loaded first; client must not be a transaction's client. Extensions run with
// privacy decisions allowed: loading demo data is a system task.
func Load(ctx context.Context, client *ent.Client, until civil.Date, extensions ...Extension) (bool, error) {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	empty, err := Empty(ctx, client)
	if err != nil {
		return false, fmt.Errorf("load demo world: %w", err)
	}
	if !empty {
		return false, nil
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return false, fmt.Errorf("load demo world: begin transaction: %w", err)
	}
	// The kept facts of the world's people are written once, before the commit.
	fctx, flushFacts := facts.Defer(ctx)
	err = fill(fctx, tx.Client(), until, extensions)
	if err == nil {
		err = flushFacts(fctx, tx.Client())
	}
	if err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			err = errors.Join(err, fmt.Errorf("rollback: %w", rerr))
		}
		return false, fmt.Errorf("load demo world: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("load demo world: commit: %w", err)
	}
	return true, nil
}

// fill builds the world through client and runs the extensions on it.
func fill(ctx context.Context, client *ent.Client, until civil.Date, extensions []Extension) error {
	w, err := Build(ctx, client, until)
	if err != nil {
		return err
	}
	for i, ext := range extensions {
		if err := ext(ctx, w); err != nil {
			return fmt.Errorf("extension %d: %w", i+1, err)
		}
	}
	return nil
}
