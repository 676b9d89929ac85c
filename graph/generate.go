package graph

// gqlgen reads gqlgen.yml paths relative to the working directory, so it runs from the root.
// tools/gqlgenrun is gqlgen's generator with sequential execution (see its doc comment).
//go:generate sh -c "cd .. && go run -mod=mod ./tools/gqlgenrun"
