// Package schemadoc completes the GraphQL schema that entgql generates, as an entgql schema hook
// run by ent/entc.go: front-end teams read the schema, so every type, field, argument and enum
// value gets a description, taken from the ent schema where it says something (schema comments,
// field comments listing enum values as "VALUE 中文") and written by rule where entgql generates
// the element mechanically (where-input predicates, order fields, IDs, clear inputs). It also
// drops the string predicates (contains, prefix …) that entgql adds to Date fields, which are
// stored as text but are not text to a client, and the appendX inputs entgql wires wrongly.
package schemadoc

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

// Hook is the entgql schema hook (entgql.WithSchemaHook(schemadoc.Hook)).
func Hook(g *gen.Graph, s *ast.Schema) error {
	types := map[string]*gen.Type{}
	for _, t := range g.Nodes {
		types[t.Name] = t
		if def := s.Types[t.Name]; def != nil && def.Description == "" {
			def.Description = typeComment(t)
		}
	}
	if q := s.Types["Query"]; q != nil && q.Description == "" {
		q.Description = "Every read: the registers as Relay connections, node lookups, and each module's namespace."
	}
	for name, def := range s.Types {
		switch {
		case def.Kind == ast.Object && types[name] != nil:
			describeObject(def)
		case def.Kind == ast.Enum && strings.HasSuffix(name, "OrderField"):
			for _, v := range def.EnumValues {
				if v.Description == "" {
					v.Description = "Order by " + words(v.Name) + "."
				}
			}
		case def.Kind == ast.Enum:
			if err := describeEnum(def, types); err != nil {
				return err
			}
		case def.Kind == ast.InputObject && strings.HasSuffix(name, "WhereInput"):
			describeWhere(def, s)
		case def.Kind == ast.InputObject:
			describeInput(def)
		}
	}
	return nil
}

// typeComment is the schema.Comment annotation of an ent type.
func typeComment(t *gen.Type) string {
	raw, ok := t.Annotations["Comment"]
	if !ok {
		return ""
	}
	var c struct{ Text string }
	b, _ := json.Marshal(raw)
	_ = json.Unmarshal(b, &c)
	return c.Text
}

// describeObject describes the id field and edges generated without a comment.
func describeObject(def *ast.Definition) {
	for _, f := range def.Fields {
		if f.Description != "" {
			continue
		}
		if f.Name == "id" {
			f.Description = "Global ID of the " + words(def.Name) + " (for node queries and references)."
		} else {
			f.Description = strings.ToUpper(words(f.Name)[:1]) + words(f.Name)[1:] + "."
		}
	}
}

// enumOwner matches entgql's description of an ent enum: "PersonGender is enum for the field gender".
var enumOwner = regexp.MustCompile(`^(\w+) is enum for the field (\w+)$`)

// describeEnum describes an ent enum and its values from the field's comment, which names each
// value followed by its meaning ("PROVINCE 省, CITY 市 …").
func describeEnum(def *ast.Definition, types map[string]*gen.Type) error {
	m := enumOwner.FindStringSubmatch(def.Description)
	if m == nil {
		return nil
	}
	var field *gen.Field
	for _, t := range types {
		if strings.HasPrefix(m[1], t.Name) {
			for _, f := range t.Fields {
				if f.Name == m[2] && strings.EqualFold(t.Name+pascal(f.Name), m[1]) {
					field = f
				}
			}
		}
	}
	if field == nil {
		return fmt.Errorf("schemadoc: no ent field for enum %s", def.Name)
	}
	comment := field.Comment()
	def.Description = firstSentence(comment)
	for _, v := range def.EnumValues {
		if v.Description != "" {
			continue
		}
		re := regexp.MustCompile(`(?:^|[^A-Z_])` + regexp.QuoteMeta(v.Name) + `(?:[^A-Z_]|$)\s*([^,;.)(]*)`)
		if mm := re.FindStringSubmatch(comment); mm != nil && strings.TrimSpace(mm[1]) != "" {
			v.Description = strings.TrimSpace(mm[1])
		}
	}
	return nil
}

// firstSentence is the text up to the first colon or full stop.
func firstSentence(s string) string {
	if i := strings.IndexAny(s, ":："); i > 0 {
		return strings.TrimSpace(s[:i]) + "."
	}
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}

// predicates are the suffixes entgql gives where-input fields, longest first, with their meaning.
var predicates = []struct{ suffix, text string }{
	{"ContainsFold", "contains, ignoring case"},
	{"EqualFold", "equals, ignoring case"},
	{"HasPrefix", "starts with"},
	{"HasSuffix", "ends with"},
	{"Contains", "contains"},
	{"NotNil", "is set"},
	{"IsNil", "is not set"},
	{"NotIn", "is none of"},
	{"GTE", "is at least"},
	{"LTE", "is at most"},
	{"NEQ", "differs from"},
	{"GT", "is greater than"},
	{"LT", "is less than"},
	{"In", "is one of"},
}

// textOnly are the predicates that make no sense on a Date.
var textOnly = map[string]bool{"ContainsFold": true, "EqualFold": true, "HasPrefix": true, "HasSuffix": true, "Contains": true}

// describeWhere describes every predicate of a where-input and drops text predicates on dates.
func describeWhere(def *ast.Definition, s *ast.Schema) {
	obj := s.Types[strings.TrimSuffix(def.Name, "WhereInput")]
	isField := func(name string) *ast.FieldDefinition {
		if obj == nil {
			return nil
		}
		return obj.Fields.ForName(name)
	}
	kept := def.Fields[:0]
	for _, f := range def.Fields {
		drop := false
		switch {
		case f.Name == "not":
			f.Description = "Matches what the given filter does not match."
		case f.Name == "and":
			f.Description = "Matches what every given filter matches."
		case f.Name == "or":
			f.Description = "Matches what at least one given filter matches."
		case strings.HasPrefix(f.Name, "has") && strings.HasSuffix(f.Name, "With"):
			f.Description = "Has a " + words(strings.TrimSuffix(strings.TrimPrefix(f.Name, "has"), "With")) + " matching all of these filters."
		case strings.HasPrefix(f.Name, "has") && isField(lowerFirst(strings.TrimPrefix(f.Name, "has"))) != nil:
			f.Description = "Has (true) or has no (false) " + words(strings.TrimPrefix(f.Name, "has")) + "."
		case isField(f.Name) != nil:
			if f.Description == "" || strings.HasSuffix(f.Description, "field predicates") {
				f.Description = capital(words(f.Name)) + " equals."
			}
		default:
			for _, p := range predicates {
				base := strings.TrimSuffix(f.Name, p.suffix)
				if base == f.Name || isField(base) == nil {
					continue
				}
				if textOnly[p.suffix] && isField(base).Type.Name() == "Date" {
					drop = true
				}
				f.Description = capital(words(base)) + " " + p.text + "."
				break
			}
		}
		if !drop {
			kept = append(kept, f)
		}
	}
	def.Fields = kept
}

// describeInput describes the edge and clear fields of create and update inputs, and drops the
// appendX fields of JSON lists: entgql v0.7.0's template appends the list being set instead of
// the list to append (m.AppendRoles(i.Roles)), so an appendX field would silently do nothing. A
// client sets the whole list instead.
func describeInput(def *ast.Definition) {
	kept := def.Fields[:0]
	for _, f := range def.Fields {
		if strings.HasPrefix(f.Name, "append") {
			continue
		}
		kept = append(kept, f)
	}
	def.Fields = kept
	for _, f := range def.Fields {
		if f.Description != "" {
			continue
		}
		switch {
		case strings.HasPrefix(f.Name, "clear"):
			f.Description = "Clears " + words(strings.TrimPrefix(f.Name, "clear")) + "."
		case strings.HasPrefix(f.Name, "add") && strings.HasSuffix(f.Name, "IDs"):
			f.Description = "Links these " + words(strings.TrimSuffix(strings.TrimPrefix(f.Name, "add"), "IDs")) + " (IDs)."
		case strings.HasPrefix(f.Name, "remove") && strings.HasSuffix(f.Name, "IDs"):
			f.Description = "Unlinks these " + words(strings.TrimSuffix(strings.TrimPrefix(f.Name, "remove"), "IDs")) + " (IDs)."
		case strings.HasSuffix(f.Name, "IDs"):
			f.Description = "IDs of the " + words(strings.TrimSuffix(f.Name, "IDs")) + "."
		case strings.HasSuffix(f.Name, "ID"):
			f.Description = "ID of the " + words(strings.TrimSuffix(f.Name, "ID")) + "."
		}
	}
}

// words turns an identifier (servicePoint, SERVICE_POINT, ServicePoint) into lower-case words.
func words(s string) string {
	if strings.ToUpper(s) == s {
		return strings.ToLower(strings.ReplaceAll(s, "_", " "))
	}
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte(' ')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// pascal turns an ent field name (social_work_degree) into PascalCase (SocialWorkDegree).
func pascal(s string) string {
	parts := strings.Split(s, "_")
	for i, p := range parts {
		parts[i] = capital(p)
	}
	return strings.Join(parts, "")
}
