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

// pageLimits is a field middleware that applies the page-size rules to every connection field,
// root or nested, before its resolver reads the arguments.
func pageLimits(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || fc.Field.Definition == nil || fc.Args == nil ||
		!strings.HasSuffix(fc.Field.Definition.Type.Name(), "Connection") {
		return next(ctx)
	}
	first, hasFirst := fc.Args["first"].(*int)
	last, hasLast := fc.Args["last"].(*int)
	if !hasFirst && !hasLast {
		return next(ctx)
	}
	for name, n := range map[string]*int{"first": first, "last": last} {
		switch {
		case n == nil:
		case *n < 0:
			return nil, apperr.Invalid(name, "分页数量不能为负数", name+" must not be negative")
		case *n > MaxPage:
			return nil, apperr.Invalid(name, "每页最多100条", name+" may be at most 100; page through the rest with after/before")
		}
	}
	if first == nil && last == nil {
		n := DefaultPage
		fc.Args["first"] = &n
	}
	return next(ctx)
}
