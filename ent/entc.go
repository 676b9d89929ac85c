//go:build ignore

// Command entc generates the ent client and the entgql GraphQL schema (graph/ent.graphqls) from
// ent/schema. Run it through `go generate ./...` from the repository root.
package main

import (
	"log"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"

	"swtalent/ent/schemadoc"
	"swtalent/internal/pii"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithConfigPath("../gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("../graph/ent.graphqls"),
		entgql.WithWhereInputs(true),
		entgql.WithSchemaHook(schemadoc.Hook),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	cfg := &gen.Config{
		Features: []gen.Feature{
			gen.FeatureGlobalID,
			gen.FeaturePrivacy,
			gen.FeatureEntQL,
			gen.FeatureIntercept,
			gen.FeatureUpsert,
			gen.FeatureModifier,
			gen.FeatureExecQuery, // the data-version hook updates its counter inside the mutation's transaction
		},
	}
	// The data key's keyring travels with the client, so hooks can encrypt personal data.
	keyring := entc.Dependency(entc.DependencyName("Keyring"), entc.DependencyType(&pii.Keyring{}))
	// Our templates come after entgql's, so that ours override its definitions of the same name
	// (see template/pagination.tmpl).
	ours := gen.MustParse(gen.NewTemplate("swtalent").Funcs(entgql.TemplateFuncs).ParseDir("template"))
	templates := func(cfg *gen.Config) error {
		cfg.Templates = append(cfg.Templates, ours)
		return nil
	}
	if err := entc.Generate("./schema", cfg, entc.Extensions(ex), templates, keyring); err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}
