// Package model holds the GraphQL types gqlgen generates for schema types that are bound to no
// Go type of ent or of a module.
package model
