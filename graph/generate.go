package graph

// gqlgen reads gqlgen.yml paths relative to the working directory, so it runs from the root.
//go:generate sh -c "cd .. && go run -mod=mod github.com/99designs/gqlgen generate"
