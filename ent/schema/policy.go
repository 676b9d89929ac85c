package schema

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/schema/mixin"

	gen "swtalent/ent"
	"swtalent/ent/hook"

	"swtalent/ent/privacy"
	"swtalent/internal/apperr"
	"swtalent/internal/audit"
	"swtalent/internal/validate"
	"swtalent/internal/viewer"
)

// access is what one entity grants to each role. ADMIN may do everything except where readOnly
// says no API writes at all; the anonymous public reads only public entities. An entity missing
// from the table grants nothing (fail closed).
type access struct {
	// public: every viewer, anonymous included, reads every row (directories, plan data).
	public bool
	// staffReads, staffWrites: STAFF reads every row, creates and updates rows (the registers).
	staffReads, staffWrites bool
	// readOnly: no API creates, changes or deletes rows (the audit trail); the system writes them.
	readOnly bool
	// own narrows reads of a signed-in viewer to rows of its own (its account, its tokens).
	own func(v *viewer.Viewer) entql.P
	// scopes narrow reads and writes of the scoped roles to their agency, region subtree or
	// university; a scoped role absent here sees no row.
	scopes map[viewer.Role]scope
	// scopedWrites lets the scoped roles of scopes create and update rows within their scope.
	scopedWrites bool
	// readScopes narrow reads of further roles that never write the entity.
	readScopes map[viewer.Role]scope
}

// scope narrows rows to a viewer's agency, region subtree or university.
type scope struct {
	// edge is the field a row lies in the scope by (region, employer, holder); a write outside
	// the scope is refused naming it. "" when the row itself is the scope (an agency's own row).
	edge string
	// where is the predicate for one viewer.
	where func(v *viewer.Viewer) entql.P
}

// inRegion holds for rows whose region edge lies in the viewer's region subtree.
func inRegion(edge string) scope {
	return scope{edge: edge, where: func(v *viewer.Viewer) entql.P {
		lo, hi := validate.RegionSubtreeRange(v.RegionCode)
		return entql.HasEdgeWith(edge, entql.And(entql.FieldGTE("code", lo), entql.FieldLT("code", hi)))
	}}
}

// ofAgency holds for rows whose edge points at the viewer's agency.
func ofAgency(edge string) scope {
	return scope{edge: edge, where: func(v *viewer.Viewer) entql.P { return entql.HasEdgeWith(edge, entql.FieldEQ("id", v.AgencyID)) }}
}

// ofUniversity holds for rows whose edge points at the viewer's university.
func ofUniversity(edge string) scope {
	return scope{edge: edge, where: func(v *viewer.Viewer) entql.P { return entql.HasEdgeWith(edge, entql.FieldEQ("id", v.UniversityID)) }}
}

// through narrows by a scope of the entity at the end of an edge.
func through(edge string, s scope) scope {
	return scope{edge: edge, where: func(v *viewer.Viewer) entql.P { return entql.HasEdgeWith(edge, s.where(v)) }}
}

// policyTable is the authorisation matrix of every entity, by ent type name. Modules add their
// entities here with their rows in the authorisation matrix test.
func policyTable() map[string]access {
	personScopes := map[viewer.Role]scope{
		viewer.Agency:   ofAgency("employer"),
		viewer.Township: inRegion("region"),
	}
	return map[string]access{
		"Region":     {public: true},
		"Department": {public: true},
		"University": {public: true},
		"PlanTarget": {public: true},
		"PlanTask":   {public: true},
		"Agency": {public: true, staffWrites: true, scopedWrites: true, scopes: map[viewer.Role]scope{
			viewer.Agency:   {where: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("id", v.AgencyID) }},
			viewer.Township: inRegion("region"),
		}},
		"ServicePoint": {public: true, staffWrites: true, scopedWrites: true, scopes: map[viewer.Role]scope{
			viewer.Agency:   ofAgency("operator"),
			viewer.Township: inRegion("region"),
		}},
		"Person": {staffReads: true, staffWrites: true, scopedWrites: true, scopes: personScopes,
			// A university reads the site mentors of its own students.
			readScopes: map[viewer.Role]scope{
				viewer.University: through("mentored_placements", ofUniversity("university")),
			}},
		"Certificate": {staffReads: true, staffWrites: true, scopedWrites: true, scopes: scopesThrough("holder", personScopes)},
		"CertificateRegistration": {staffReads: true, staffWrites: true, scopedWrites: true, scopes: scopesThrough("certificate",
			scopesThrough("holder", personScopes))},
		"ExamApplication":         {staffReads: true, staffWrites: true, scopedWrites: true, scopes: scopesThrough("person", personScopes)},
		"Training":                {public: true, staffWrites: true},
		"TrainingRecord":          {staffReads: true, staffWrites: true, scopedWrites: true, scopes: scopesThrough("person", personScopes)},
		"SupervisorLevel":         {public: true},
		"SupervisorQualification": {staffReads: true, staffWrites: true, scopes: scopesThrough("person", personScopes)},
		"Expert":                  {staffReads: true, staffWrites: true},
		"AnnualInspection":        {public: true, staffWrites: true},
		"ServiceProject": {public: true, staffWrites: true, scopedWrites: true, scopes: map[viewer.Role]scope{
			viewer.Agency:   ofAgency("contractor"),
			viewer.Township: inRegion("community"),
		}},
		"AgencySupport": {public: true, staffWrites: true},
		"Base":          {public: true, staffWrites: true},
		"Partnership": {staffReads: true, staffWrites: true, scopes: map[viewer.Role]scope{
			viewer.University: ofUniversity("university"),
		}},
		"Placement": {staffReads: true, staffWrites: true, scopedWrites: true, scopes: map[viewer.Role]scope{
			viewer.University: ofUniversity("university"),
		}},
		"DemonstrationCommunity": {public: true, staffWrites: true},
		"Volunteer": {staffReads: true, staffWrites: true, scopedWrites: true, scopes: map[viewer.Role]scope{
			viewer.Township: inRegion("community"),
		}},
		"Fund": {public: true, staffWrites: true},
		// Incentives: posts, rates, honours and campaigns are public; who was paid what is not.
		"Post":             {public: true, staffWrites: true},
		"AllowanceRate":    {public: true, staffWrites: true},
		"AllowancePayment": {staffReads: true, staffWrites: true, scopes: scopesThrough("person", personScopes)},
		"Recognition":      {public: true, staffWrites: true},
		"PublicityEvent":   {public: true, staffWrites: true},
		// Plan progress is public; only an admin revises a target (setPlanTarget).
		"TaskReport":         {public: true, staffWrites: true},
		"JointMeeting":       {public: true, staffWrites: true},
		"PlanTargetRevision": {public: true},
		"Account":            {own: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("id", v.AccountID) }},
		"ApiToken": {own: func(v *viewer.Viewer) entql.P {
			return entql.HasEdgeWith("account", entql.FieldEQ("id", v.AccountID))
		}},
		"AuditEvent": {readOnly: true},
		// Kept facts: written only by the hooks of the registers they derive from.
		"FactSpan":   {readOnly: true},
		"FactDelta":  {readOnly: true},
		"RegionSpan": {readOnly: true},
		// Import jobs: the uploader follows its own, an ADMIN every one; only the server writes them.
		"ImportJob": {readOnly: true, own: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("owner_id", v.AccountID) }},
	}
}

// scopesThrough lifts scopes across an edge.
func scopesThrough(edge string, scopes map[viewer.Role]scope) map[viewer.Role]scope {
	out := make(map[viewer.Role]scope, len(scopes))
	for role, s := range scopes {
		out[role] = through(edge, s)
	}
	return out
}

// policy is the privacy policy of one entity, read from the table.
func policy(entity string) ent.Policy {
	a, known := policyTable()[entity]
	read := privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
		v := viewer.FromContext(ctx)
		switch {
		case !known:
			return privacy.Denyf("no policy for %s", entity)
		case checkingWrite(ctx):
			// The scope check after a scoped write: the row must lie in the writer's scope, even
			// for public entities everyone may read.
			if s, ok := a.scopes[v.Role]; ok {
				f.Where(s.where(v))
				return privacy.Allow
			}
			return privacy.Deny
		case v.Role == viewer.Admin || a.public || (v.Role == viewer.Staff && a.staffReads):
			return privacy.Allow
		case a.scopes[v.Role].where != nil:
			f.Where(a.scopes[v.Role].where(v))
			return privacy.Allow
		case a.readScopes[v.Role].where != nil:
			f.Where(a.readScopes[v.Role].where(v))
			return privacy.Allow
		case a.own != nil && v.SignedIn():
			f.Where(a.own(v))
			return privacy.Allow
		}
		return privacy.Deny
	})
	write := privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		v := viewer.FromContext(ctx)
		switch {
		case !known || a.readOnly:
			return forbidden()
		case v.Role == viewer.Admin || (v.Role == viewer.Staff && a.staffWrites):
			return privacy.Allow
		case a.scopedWrites && a.scopes[v.Role].where != nil:
			if m.Op().Is(ent.OpDelete | ent.OpDeleteOne) {
				return forbidden()
			}
			if !m.Op().Is(ent.OpCreate) {
				// Only rows in scope can be changed; the scopedWriteCheck hook then makes sure the
				// row is still in scope after the change (and, for a create, is in scope at all).
				return privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
					f.Where(a.scopes[v.Role].where(v))
					return privacy.Allow
				}).EvalMutation(ctx, m)
			}
			return privacy.Allow
		}
		return forbidden()
	})
	return privacy.Policy{Query: privacy.QueryPolicy{read}, Mutation: privacy.MutationPolicy{write}}
}

// forbidden is the answer to a write the viewer's role does not allow.
func forbidden() error {
	return apperr.Forbidden("无权执行此操作", "your role does not allow this change")
}

// PolicyMixin gives an entity its row of the policy table: the privacy policy, and for scoped
// roles a check that a created or changed row lies in the viewer's scope afterwards. Every entity
// embeds it; one without it is caught by the authorisation matrix test.
type PolicyMixin struct {
	mixin.Schema
	// Entity is the ent type name, the key of the policy table.
	Entity string
}

// Policy of the entity.
func (p PolicyMixin) Policy() ent.Policy { return policy(p.Entity) }

// Hooks of the entity: the scope check after writes of scoped roles, the audit trail, and the
// undo log of writes that commit in several transactions. The trail and the import jobs are
// bookkeeping of those writes, not registers, and the kept facts follow an audited change of a
// register (and are recomputed after an import is taken back): they have none.
func (p PolicyMixin) Hooks() []ent.Hook {
	if p.Entity == "AuditEvent" || p.Entity == "ImportJob" || p.Entity == "FactSpan" || p.Entity == "FactDelta" || p.Entity == "RegionSpan" {
		return nil
	}
	return []ent.Hook{hook.On(scopedWriteCheck(p.Entity), ent.OpCreate|ent.OpUpdateOne), audited(p.Entity), undoable()}
}

// audited records every change a signed-in account makes, in the same transaction. Changes by the
// system (reference data, the demo world) are not recorded.
func audited(entity string) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			val, err := next.Mutate(ctx, m)
			if err != nil || !viewer.FromContext(ctx).SignedIn() {
				return val, err
			}
			e := audit.Event{Entity: entity, Operation: audit.Update}
			switch {
			case m.Op().Is(ent.OpCreate):
				e.Operation = audit.Create
			case m.Op().Is(ent.OpDelete | ent.OpDeleteOne):
				e.Operation = audit.Delete
			}
			if idm, ok := m.(interface{ ID() (int, bool) }); ok {
				e.EntityID, _ = idm.ID()
			}
			for _, f := range append(append(m.Fields(), m.ClearedFields()...), append(m.AddedEdges(), m.ClearedEdges()...)...) {
				if f != "updated_at" && f != "created_at" && !strings.HasSuffix(f, "_hash") {
					e.Fields = append(e.Fields, apperr.FieldName(f))
				}
			}
			cm, ok := m.(interface{ Client() *gen.Client })
			if !ok {
				return nil, fmt.Errorf("audit %s: mutation has no client", entity)
			}
			if err := audit.Record(ctx, cm.Client(), e); err != nil {
				return nil, err
			}
			return val, nil
		})
	}
}

// writeCheckKey marks the read that checks a scoped write.
type writeCheckKey struct{}

// checkingWrite reports whether ctx is the read checking a scoped write.
func checkingWrite(ctx context.Context) bool {
	b, _ := ctx.Value(writeCheckKey{}).(bool)
	return b
}

// scopedWriteCheck lets a scoped viewer (AGENCY, TOWNSHIP, UNIVERSITY) keep a created or changed
// row only if the viewer can read it afterwards: a row outside the scope, or moved out of it, is
// refused naming the field that places it (region, employer, holder) and the transaction rolls
// back.
func scopedWriteCheck(entity string) ent.Hook {
	scopes := policyTable()[entity].scopes
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			role := viewer.FromContext(ctx).Role
			switch role {
			case viewer.Agency, viewer.Township, viewer.University:
			default:
				return next.Mutate(ctx, m)
			}
			val, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			idm, ok1 := m.(interface{ ID() (int, bool) })
			cm, ok2 := m.(interface{ Client() *gen.Client })
			if !ok1 || !ok2 {
				return nil, forbidden()
			}
			id, ok := idm.ID()
			if !ok {
				return nil, forbidden()
			}
			if _, err := cm.Client().Noder(context.WithValue(ctx, writeCheckKey{}, true), id); err != nil {
				if gen.IsNotFound(err) || errors.Is(err, privacy.Deny) {
					e := apperr.Forbidden("记录超出您的管辖范围", "the record would lie outside your scope")
					if s, ok := scopes[role]; ok {
						e.Field = apperr.FieldName(s.edge)
					}
					return nil, e
				}
				return nil, err
			}
			return val, nil
		})
	}
}

// ReadsAll reports whether the viewer may read every row of an entity: true for public entities,
// for ADMIN, and for STAFF where STAFF reads all. Where-filters through edges (hasXWith) are
// outside ent's policies, so the API refuses them towards entities the viewer may not read in full.
func ReadsAll(entity string, v *viewer.Viewer) bool {
	a, ok := policyTable()[entity]
	return ok && (v.Role == viewer.Admin || a.public || (v.Role == viewer.Staff && a.staffReads))
}

// Reads reports whether the viewer may read rows of an entity at all (every row, or those in
// its scope): what a sheet of the entity's rows may be exported for.
func Reads(entity string, v *viewer.Viewer) bool {
	a, ok := policyTable()[entity]
	return ok && (ReadsAll(entity, v) || a.scopes[v.Role].where != nil || a.readScopes[v.Role].where != nil)
}

// Writes reports whether the viewer may create and change rows of an entity (every row, or
// those in its scope): what a sheet of the entity's rows may be imported for.
func Writes(entity string, v *viewer.Viewer) bool {
	a, ok := policyTable()[entity]
	switch {
	case !ok || a.readOnly:
		return false
	case v.Role == viewer.Admin:
		return true
	case v.Role == viewer.Staff:
		return a.staffWrites
	}
	return a.scopedWrites && a.scopes[v.Role].where != nil
}
