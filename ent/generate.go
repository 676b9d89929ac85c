// Package ent is the generated ent client of swtalent; the schema lives in ent/schema.
package ent

//go:generate go run -mod=mod entc.go
