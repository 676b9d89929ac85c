package graph

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// marshalSlice marshals the elements in order in the caller's goroutine, each under a field
// context holding its index, and a panic in one element makes that element null with an error
// on its path while the others are marshalled.
func TestMarshalSliceInOrderAndPanicsContained(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
		func(_ context.Context, v any) error { return fmt.Errorf("panic: %v", v) })
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{
		Field: graphql.CollectedField{Field: &ast.Field{Name: "items", Alias: "items"}},
	})
	caller := GoroutineID()
	var order []int
	got := marshalSlice(ctx, 4, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if fc := graphql.GetFieldContext(ctx); fc.Index == nil || *fc.Index != i {
			t.Errorf("element %d: field context index %v", i, fc.Index)
		}
		if id := GoroutineID(); id != caller {
			t.Errorf("element %d marshalled in goroutine %s, not the caller's %s", i, id, caller)
		}
		order = append(order, i)
		if i == 2 {
			panic("element 2 breaks")
		}
		return graphql.MarshalInt(i * 10)
	})
	if fmt.Sprint(order) != "[0 1 2 3]" {
		t.Errorf("elements marshalled in order %v, want [0 1 2 3]", order)
	}
	if len(got) != 4 {
		t.Fatalf("%d elements, want 4", len(got))
	}
	for i, want := range []string{"0", "10", "null", "30"} {
		var b bytes.Buffer
		got[i].MarshalGQL(&b)
		if b.String() != want {
			t.Errorf("element %d = %s, want %s", i, b.String(), want)
		}
	}
	errs := graphql.GetErrors(ctx)
	if len(errs) != 1 {
		t.Fatalf("errors %v, want one", errs)
	}
	if p := errs[0].Path.String(); p != "items[2]" {
		t.Errorf("error path %q, want items[2]", p)
	}
	if errs[0].Message != "panic: element 2 breaks" {
		t.Errorf("error %q, want the recovered panic", errs[0].Message)
	}
}
