package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// marshalSlice marshals the elements of a list of objects in order, in the calling goroutine.
// The generated executor calls it where gqlgen's template writes graphql.MarshalSliceConcurrently
// (tools/gqlgenrun rewrites the call; the signature is the same), which starts a goroutine per
// element. swtalent's fields do not wait on each other — edges are preloaded and internal/batch
// batches by what the request has seen, not by timing — so the goroutines bought nothing and
// their stack growth cost 15-20 % of a nested page's CPU (docs/PERFORMANCE.md, issue #19).
//
// As in gqlgen's version, each element is marshalled under its own field context with Index set,
// and unless omitPanicHandler a panic in one element is reported as that element's error and the
// element is null, while the others are marshalled. workerLimit has no meaning here.
func marshalSlice(
	ctx context.Context,
	length int,
	workerLimit int64,
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	_ = workerLimit
	ret := make(graphql.Array, length)
	for i := range length {
		childCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		if omitPanicHandler {
			ret[i] = marshalElement(childCtx, i)
			continue
		}
		ret[i] = marshalGuarded(childCtx, i, marshalElement)
	}
	return ret
}

// marshalGuarded marshals element i, turning a panic into the element's error and a null.
func marshalGuarded(ctx context.Context, i int, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (ret graphql.Marshaler) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			ret = graphql.Null
		}
	}()
	return marshalElement(ctx, i)
}
