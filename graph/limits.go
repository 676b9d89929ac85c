package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"swtalent/internal/apperr"
)

// Page sizes of every connection: first/last default to DefaultPage and may not exceed MaxPage
// (as on GitHub's API). entgql sets no cap of its own.
const (
	DefaultPage = 20
	MaxPage     = 100
)

// argumentRules is the API's one field middleware: a field with arguments gets the page-size
// rules (pageRules) and the edge-filter check (edgeFilter); any other field goes straight to its
// resolver. gqlgen runs field middlewares around every field of an answer, so the checks share
// one. (When gqlgen still started a goroutine per list element, each middleware deepened those
// goroutines' stacks; the executor is sequential now, see tools/gqlgenrun.)
func argumentRules(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Args == nil {
		return next(ctx)
	}
	if err := pageRules(fc); err != nil {
		return nil, err
	}
	if err := edgeFilter(ctx, fc); err != nil {
		return nil, err
	}
	return next(ctx)
}

// pageRules applies the page-size rules to a connection field, root or nested, before its
// resolver reads the arguments.
func pageRules(fc *graphql.FieldContext) error {
	if fc.Field.Field == nil || fc.Field.Definition == nil ||
		!strings.HasSuffix(fc.Field.Definition.Type.Name(), "Connection") {
		return nil
	}
	first, hasFirst := fc.Args["first"].(*int)
	last, hasLast := fc.Args["last"].(*int)
	if !hasFirst && !hasLast {
		return nil
	}
	for name, n := range map[string]*int{"first": first, "last": last} {
		switch {
		case n == nil:
		case *n < 0:
			return apperr.Invalid(name, "分页数量不能为负数", name+" must not be negative")
		case *n > MaxPage:
			return apperr.Invalid(name, "每页最多100条", name+" may be at most 100; page through the rest with after/before")
		}
	}
	if first == nil && last == nil {
		n := DefaultPage
		fc.Args["first"] = &n
	}
	return nil
}
