package main

import (
	"strings"
	"testing"
)

// object is the shape of what gqlgen's exec template writes for an object and a list of them.
const object = `package graph

func (ec *executionContext) _Person(ctx context.Context, sel ast.SelectionSet, obj *ent.Person) graphql.Marshaler {
	out := graphql.NewFieldSet(fields)
	deferred := graphql.NewDeferredGroup(ctx)
	%s
	if n := len(deferred.Defers); n > 0 {
		ec.ProcessDeferredGroup(deferred)
	}
	return out
}

func (ec *executionContext) marshalOPerson(ctx context.Context, sel ast.SelectionSet, v []*ent.Person) graphql.Marshaler {
	ret := graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		return ec._Person(ctx, sel, v[i])
	})
	return ret
}
`

func TestRewriteMakesListsAndObjectsSequential(t *testing.T) {
	out, err := rewrite([]byte(strings.Replace(object, "%s", "out.Values[0] = ec._Person_name(ctx, field, obj)", 1)))
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{"ret := marshalSlice(ctx, len(v), 0, false,", "var deferred graphql.DeferredGroup"} {
		if !strings.Contains(got, want) {
			t.Errorf("rewritten executor lacks %q:\n%s", want, got)
		}
	}
	for _, gone := range []string{"MarshalSliceConcurrently", "NewDeferredGroup"} {
		if strings.Contains(got, gone) {
			t.Errorf("rewritten executor still has %s:\n%s", gone, got)
		}
	}
}

func TestRewriteRefusesWhatItCannotMakeSequential(t *testing.T) {
	for name, src := range map[string]string{
		"a field still concurrent": strings.Replace(object, "%s", "out.ResolveConcurrently(ec.OperationContext, &deferred, i, true, false, f)", 1),
		"no list to rewrite":       strings.Replace(strings.Replace(object, "graphql.MarshalSliceConcurrently(", "other(", 1), "%s", "", 1),
		"no @defer group":          strings.Replace(strings.Replace(object, "deferred := graphql.NewDeferredGroup(ctx)", "", 1), "%s", "", 1),
	} {
		if _, err := rewrite([]byte(src)); err == nil {
			t.Errorf("%s: rewrite succeeded", name)
		}
	}
}
