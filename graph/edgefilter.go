package graph

import (
	"context"
	"reflect"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"swtalent/ent/schema"
	"swtalent/internal/apperr"
	"swtalent/internal/viewer"
)

// edgeFilter refuses where-filters through an edge (hasPersonsWith, hasEmployees …) towards an
// entity the viewer may not read in full. ent's privacy policies do not apply inside such
// predicates (ent#4509), so without this an anonymous caller could ask "is there a region with
// a person whose name is …" and read the answer off totalCount.
func edgeFilter(ctx context.Context, fc *graphql.FieldContext) error {
	where, ok := fc.Args["where"]
	if !ok || where == nil {
		return nil
	}
	if path := forbiddenEdge(reflect.ValueOf(where), viewer.FromContext(ctx), "where"); path != "" {
		return apperr.Forbidden("无权按此关联条件筛选", "you may not filter through this edge").WithField(path)
	}
	return nil
}

// forbiddenEdge walks a where-input (an *ent.XWhereInput) and returns the path of the first edge
// predicate towards an entity v may not read in full, or "".
func forbiddenEdge(w reflect.Value, v *viewer.Viewer, path string) string {
	for w.Kind() == reflect.Pointer || w.Kind() == reflect.Interface {
		if w.IsNil() {
			return ""
		}
		w = w.Elem()
	}
	if w.Kind() != reflect.Struct || !strings.HasSuffix(w.Type().Name(), "WhereInput") {
		return ""
	}
	t := w.Type()
	for i := range t.NumField() {
		f, val := t.Field(i), w.Field(i)
		if !f.IsExported() || val.IsZero() {
			continue
		}
		name := lowerFirst(f.Name)
		switch {
		case f.Name == "Not":
			if p := forbiddenEdge(val, v, path+".not"); p != "" {
				return p
			}
		case f.Name == "And" || f.Name == "Or":
			for j := range val.Len() {
				if p := forbiddenEdge(val.Index(j), v, path+"."+name); p != "" {
					return p
				}
			}
		case strings.HasPrefix(f.Name, "Has") && strings.HasSuffix(f.Name, "With"):
			target := strings.TrimSuffix(val.Type().Elem().Elem().Name(), "WhereInput")
			if !schema.ReadsAll(target, v) {
				return path + "." + name
			}
			for j := range val.Len() {
				if p := forbiddenEdge(val.Index(j), v, path+"."+name); p != "" {
					return p
				}
			}
		case strings.HasPrefix(f.Name, "Has"):
			// hasX: the target is the element type of the matching hasXWith.
			if with, ok := t.FieldByName(f.Name + "With"); ok {
				if target := strings.TrimSuffix(with.Type.Elem().Elem().Name(), "WhereInput"); !schema.ReadsAll(target, v) {
					return path + "." + name
				}
			}
		}
	}
	return ""
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
