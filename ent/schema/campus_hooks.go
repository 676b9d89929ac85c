package schema

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/base"
	"swtalent/ent/hook"
	"swtalent/ent/partnership"
	"swtalent/ent/person"
	"swtalent/ent/placement"
	"swtalent/ent/schema/enum"
	"swtalent/ent/university"
	"swtalent/internal/apperr"
	"swtalent/internal/workforce"
)

// Hooks of Partnership: the base is a practice base, the agreement ends no earlier than it starts,
// the scopes are known and distinct, and one university has one agreement with a base at a time.
func (Partnership) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.PartnershipFunc(func(ctx context.Context, m *gen.PartnershipMutation) (ent.Value, error) {
				if err := tagSet(ctx, m, "scopes", m.Scopes, m.AppendedScopes, m.OldScopes); err != nil {
					return nil, err
				}
				p := gen.Partnership{}
				if id, ok := m.ID(); ok {
					cur, err := m.Client().Partnership.Query().Where(partnership.ID(id)).
						WithUniversity(func(q *gen.UniversityQuery) { q.Select(university.FieldID) }).
						WithBase(func(q *gen.BaseQuery) { q.Select(base.FieldID) }).
						Only(unrestricted(ctx))
					if err != nil {
						return nil, fmt.Errorf("load partnership: %w", err)
					}
					p = *cur
				}
				uni, baseID := p.Edges.University, p.Edges.Base
				if id, ok := m.UniversityID(); ok {
					uni = &gen.University{ID: id}
				}
				if id, ok := m.BaseID(); ok {
					baseID = &gen.Base{ID: id}
				}
				if v, ok := m.StartsOn(); ok {
					p.StartsOn = v
				}
				if v, ok := m.EndsOn(); ok {
					p.EndsOn = &v
				}
				if m.EndsOnCleared() {
					p.EndsOn = nil
				}
				if err := ordered("startsOn", &p.StartsOn, "endsOn", p.EndsOn); err != nil {
					return nil, err
				}
				if uni == nil || baseID == nil {
					return nil, apperr.Invalid("universityID", "须填写合作院校和实践基地", "a partnership needs a university and a base")
				}
				if err := practiceBase(ctx, m.Client(), baseID.ID); err != nil {
					return nil, err
				}
				overlapping := m.Client().Partnership.Query().Where(
					partnership.HasUniversityWith(university.ID(uni.ID)),
					partnership.HasBaseWith(base.ID(baseID.ID)),
					partnership.Or(partnership.EndsOnIsNil(), partnership.EndsOnGTE(p.StartsOn)),
				)
				if p.EndsOn != nil {
					overlapping.Where(partnership.StartsOnLTE(*p.EndsOn))
				}
				if id, ok := m.ID(); ok {
					overlapping.Where(partnership.IDNEQ(id))
				}
				if n, err := overlapping.Count(unrestricted(ctx)); err != nil {
					return nil, fmt.Errorf("check overlapping partnerships: %w", err)
				} else if n > 0 {
					return nil, apperr.Conflict("startsOn", "该院校与该基地在此期间已有合作协议", "the university already has an agreement with this base in this period")
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}

// Hooks of Placement: the placement's base is a practice base under an agreement with the
// student's university that covers placements on the first day; it starts within its term and ends
// no earlier than it starts; the site mentor is certified on the first day; the base's places for
// the term under that agreement are not exceeded; one student is not placed twice at once; and the
// status only moves PLANNED → ACTIVE → COMPLETED, or from PLANNED or ACTIVE to CANCELLED.
func (Placement) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.PlacementFunc(func(ctx context.Context, m *gen.PlacementMutation) (ent.Value, error) {
				if err := checkPlacement(ctx, m); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}

// checkPlacement applies the placement rules to the placement a mutation leaves behind.
func checkPlacement(ctx context.Context, m *gen.PlacementMutation) error {
	c := m.Client()
	p := gen.Placement{Status: placement.DefaultStatus}
	if id, ok := m.ID(); ok {
		cur, err := c.Placement.Query().Where(placement.ID(id)).
			WithUniversity(func(q *gen.UniversityQuery) { q.Select(university.FieldID) }).
			WithBase(func(q *gen.BaseQuery) { q.Select(base.FieldID) }).
			WithMentor(func(q *gen.PersonQuery) { q.Select(person.FieldID) }).
			Only(unrestricted(ctx))
		if err != nil {
			return fmt.Errorf("load placement: %w", err)
		}
		p = *cur
		if to, ok := m.Status(); ok && to != cur.Status && !PlacementTransition(cur.Status, to) {
			return apperr.Invalid("status", fmt.Sprintf("实习状态不能从 %s 改为 %s", cur.Status, to),
				fmt.Sprintf("a placement cannot go from %s to %s", cur.Status, to))
		}
	}
	var uni, baseID int
	if p.Edges.University != nil {
		uni = p.Edges.University.ID
	}
	if p.Edges.Base != nil {
		baseID = p.Edges.Base.ID
	}
	if id, ok := m.UniversityID(); ok {
		uni = id
	}
	if id, ok := m.BaseID(); ok {
		baseID = id
	}
	mentor, hasMentor := m.MentorID()
	if !hasMentor && p.Edges.Mentor != nil && !m.MentorCleared() {
		mentor, hasMentor = p.Edges.Mentor.ID, true
	}
	if v, ok := m.Term(); ok {
		p.Term = v
	}
	if v, ok := m.StartsOn(); ok {
		p.StartsOn = v
	}
	if v, ok := m.EndsOn(); ok {
		p.EndsOn = v
	}
	if v, ok := m.Status(); ok {
		p.Status = v
	}
	if v, ok := m.StudentNumber(); ok {
		p.StudentNumber = v
	}
	if v, ok := m.StudentName(); ok {
		name, err := required("studentName", v)
		if err != nil {
			return err
		}
		m.SetStudentName(name)
	}
	if !p.Term.Valid() {
		return apperr.Invalid("term", "学期无效", "the term is not valid")
	}
	if !p.Term.Contains(p.StartsOn) {
		return apperr.Invalid("startsOn", fmt.Sprintf("开始日期不在 %s 学期内（%s 至 %s）", p.Term, p.Term.Start(), p.Term.End()),
			fmt.Sprintf("startsOn must lie in term %s (%s to %s)", p.Term, p.Term.Start(), p.Term.End()))
	}
	if err := ordered("startsOn", &p.StartsOn, "endsOn", &p.EndsOn); err != nil {
		return err
	}
	if err := practiceBase(ctx, c, baseID); err != nil {
		return err
	}
	agreement, err := c.Partnership.Query().Where(
		partnership.HasUniversityWith(university.ID(uni)),
		partnership.HasBaseWith(base.ID(baseID)),
		partnership.StartsOnLTE(p.StartsOn),
		partnership.Or(partnership.EndsOnIsNil(), partnership.EndsOnGTE(p.StartsOn)),
	).First(unrestricted(ctx))
	switch {
	case gen.IsNotFound(err):
		return apperr.Invalid("baseID", "该院校与该基地在实习开始时没有有效的合作协议", "the university has no agreement with this base on the placement's first day")
	case err != nil:
		return fmt.Errorf("find partnership: %w", err)
	}
	if !slices.Contains(agreement.Scopes, enum.ScopePlacements) {
		return apperr.Invalid("baseID", "该院校与该基地的合作协议不包括学生实习", "the university's agreement with this base does not cover placements")
	}
	if hasMentor {
		ok, err := c.Person.Query().Where(person.ID(mentor), workforce.CertifiedAt(p.StartsOn)).Exist(unrestricted(ctx))
		if err != nil {
			return fmt.Errorf("check mentor: %w", err)
		}
		if !ok {
			return apperr.Invalid("mentorID", "基地带教社工须在实习开始时持有有效的社会工作职业资格证书", "the site mentor must be a certified social worker on the placement's first day")
		}
	}
	if p.Status == placement.StatusCANCELLED || !movesPlacement(m) {
		return nil
	}
	others := func() *gen.PlacementQuery {
		q := c.Placement.Query().Where(placement.HasUniversityWith(university.ID(uni)), placement.StatusNEQ(placement.StatusCANCELLED))
		if id, ok := m.ID(); ok {
			q.Where(placement.IDNEQ(id))
		}
		return q
	}
	taken, err := others().Where(placement.HasBaseWith(base.ID(baseID)), placement.TermEQ(p.Term)).Count(unrestricted(ctx))
	if err != nil {
		return fmt.Errorf("count places taken: %w", err)
	}
	if taken >= agreement.PlacesPerTerm {
		return apperr.Invalid("baseID", fmt.Sprintf("该基地 %s 学期给本校的 %d 个实习名额已满", p.Term, agreement.PlacesPerTerm),
			fmt.Sprintf("the base's %d places for the university in term %s are taken", agreement.PlacesPerTerm, p.Term))
	}
	clash, err := others().Where(placement.StudentNumberEQ(p.StudentNumber),
		placement.StartsOnLTE(p.EndsOn), placement.EndsOnGTE(p.StartsOn)).Exist(unrestricted(ctx))
	if err != nil {
		return fmt.Errorf("check overlapping placements: %w", err)
	}
	if clash {
		return apperr.Conflict("studentNumber", "该学生在此期间已有实习安排", "the student already has a placement in this period")
	}
	return nil
}

// movesPlacement reports whether a mutation creates a placement or changes where, when or whose
// it is: only then are the places and the student's other placements checked
// again, so logging hours or an evaluation never fails because places were cut later.
func movesPlacement(m *gen.PlacementMutation) bool {
	if m.Op().Is(ent.OpCreate) {
		return true
	}
	for _, f := range []string{placement.FieldTerm, placement.FieldStartsOn, placement.FieldEndsOn, placement.FieldStudentNumber} {
		if _, changed := m.Field(f); changed {
			return true
		}
	}
	_, uni := m.UniversityID()
	_, base := m.BaseID()
	return uni || base
}

// PlacementTransition reports whether a placement may go from one status to another: PLANNED →
// ACTIVE → COMPLETED, and PLANNED or ACTIVE → CANCELLED.
func PlacementTransition(from, to placement.Status) bool {
	switch from {
	case placement.StatusPLANNED:
		return to == placement.StatusACTIVE || to == placement.StatusCANCELLED
	case placement.StatusACTIVE:
		return to == placement.StatusCOMPLETED || to == placement.StatusCANCELLED
	}
	return false
}

// practiceBase refuses a base that is not an open practice base.
func practiceBase(ctx context.Context, c *gen.Client, id int) error {
	ok, err := c.Base.Query().Where(base.ID(id), base.KindEQ(base.KindPRACTICE)).Exist(unrestricted(ctx))
	if err != nil {
		return fmt.Errorf("check base: %w", err)
	}
	if !ok {
		return apperr.Invalid("baseID", "所选基地不是社会工作实践基地", "the base is not a practice base")
	}
	return nil
}
