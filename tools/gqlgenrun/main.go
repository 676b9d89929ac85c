// Command gqlgenrun runs gqlgen's generator (what `gqlgen generate` does, with gqlgen.yml from
// the working directory) so that the generated executor resolves every operation in the
// request's goroutine:
//
//	go run -mod=mod ./tools/gqlgenrun
//
// gqlgen v0.17.98 starts a goroutine for every field whose resolver takes a context (ent's edges
// do) and for every element of every list of objects, and offers no option against it
// (worker_limit only bounds the goroutines). Each of those goroutines grows its stack two or
// three times: 15-20 % of the CPU of a nested page (docs/PERFORMANCE.md, issue #19). swtalent
// gains nothing from them: its edges are preloaded (entgql's CollectFields) and internal/batch
// batches by what the request has seen, not by timing. So the runner:
//
//  1. sets DisableConcurrency on every object before gqlgen renders the executor (a
//     plugin.CodeGenerator runs before the exec template), as gqlgen itself does for Mutation:
//     fields then resolve inline, one after another;
//  2. rewrites the one call the list template emits, graphql.MarshalSliceConcurrently, to the
//     graph package's marshalSlice (same signature), which marshals the elements in order in
//     the calling goroutine, each under its own field context with a panic guard;
//  3. declares each object's @defer group empty instead of building it with
//     graphql.NewDeferredGroup, which computes the field's path and allocates a field set and a
//     map for every object of the answer (5-6 % of a nested page's CPU). Only the concurrent
//     scheduling fills that group; once fields resolve inline, @defer is answered inline (a
//     server may always do so), and the group is only ever read to find it empty.
//
// It fails, leaving the generated file as gqlgen wrote it, if the template no longer emits what
// it rewrites or if a concurrent call survives, so a gqlgen upgrade cannot quietly bring the
// goroutines back. Models and resolvers are gqlgen's own output, unchanged.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"io"
	"log"
	"os"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

func main() {
	// gqlgen's own command discards its log unless -v is given.
	log.SetOutput(io.Discard)
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gqlgenrun:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return fmt.Errorf("load gqlgen config: %w", err)
	}
	if err := api.Generate(cfg, api.AddPlugin(sequential{})); err != nil {
		return fmt.Errorf("gqlgen generate: %w", err)
	}
	exec := cfg.Exec.Filename
	src, err := os.ReadFile(exec)
	if err != nil {
		return fmt.Errorf("read generated executor: %w", err)
	}
	out, err := rewrite(src)
	if err != nil {
		return fmt.Errorf("%s: %w", exec, err)
	}
	if err := os.WriteFile(exec, out, 0o644); err != nil {
		return fmt.Errorf("write generated executor: %w", err)
	}
	return nil
}

// sequential is the gqlgen plugin that turns off concurrent field resolution on every object.
type sequential struct{}

// Name names the plugin in gqlgen's errors.
func (sequential) Name() string { return "sequential" }

// GenerateCode marks every object non-concurrent; gqlgen calls it before rendering the executor.
func (sequential) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		o.DisableConcurrency = true
	}
	return nil
}

// Calls of the generated executor: the list marshaller the runner replaces, and what must no
// longer appear once every object is non-concurrent.
var (
	concurrentSlice  = []byte("graphql.MarshalSliceConcurrently(")
	sequentialSlice  = []byte("marshalSlice(")
	deferredGroup    = []byte("deferred := graphql.NewDeferredGroup(ctx)")
	emptyGroup       = []byte("var deferred graphql.DeferredGroup")
	concurrentFields = [][]byte{
		[]byte("ResolveConcurrently("),
		[]byte("ResolveRootConcurrently("),
		[]byte("MarshalSliceConcurrently("),
		[]byte("go func("),
		[]byte("&deferred"), // something still schedules into an object's @defer group
	}
)

// rewrite replaces every concurrent list marshaller of the generated executor src with
// marshalSlice and every object's @defer group with an empty one, and checks that nothing
// concurrent is left.
func rewrite(src []byte) ([]byte, error) {
	for _, c := range [][]byte{concurrentSlice, deferredGroup} {
		if !bytes.Contains(src, c) {
			return nil, fmt.Errorf("no %s to rewrite: did gqlgen's templates change?", c)
		}
	}
	out := bytes.ReplaceAll(src, concurrentSlice, sequentialSlice)
	out = bytes.ReplaceAll(out, deferredGroup, emptyGroup)
	for _, c := range concurrentFields {
		if bytes.Contains(out, c) {
			return nil, fmt.Errorf("%s is still generated: execution would not be sequential", c)
		}
	}
	out, err := format.Source(out)
	if err != nil {
		return nil, fmt.Errorf("format rewritten executor: %w", err)
	}
	return out, nil
}
