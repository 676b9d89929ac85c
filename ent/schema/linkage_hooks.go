package schema

import (
	"context"
	"fmt"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/demonstrationcommunity"
	"swtalent/ent/hook"
	"swtalent/ent/region"
	"swtalent/ent/volunteer"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
)

// villageLevel refuses a region that is not a village or community (村（社区）).
func villageLevel(ctx context.Context, c *gen.Client, field string, id int) error {
	ok, err := c.Region.Query().Where(region.ID(id), region.LevelEQ(region.LevelVILLAGE)).Exist(unrestricted(ctx))
	if err != nil {
		return fmt.Errorf("check region level: %w", err)
	}
	if !ok {
		return apperr.Invalid(field, "须为村（社区）级区划", "the region must be a village or community")
	}
	return nil
}

// Hooks of DemonstrationCommunity: the community is a village-level region, and a withdrawal has a
// date no earlier than the designation year.
func (DemonstrationCommunity) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.DemonstrationCommunityFunc(func(ctx context.Context, m *gen.DemonstrationCommunityMutation) (ent.Value, error) {
				if id, ok := m.CommunityID(); ok {
					if err := villageLevel(ctx, m.Client(), "communityID", id); err != nil {
						return nil, err
					}
				}
				isOne := m.Op().Is(ent.OpUpdateOne)
				status, ok := m.Status()
				if !ok {
					status, ok = old(ctx, isOne, m.OldStatus)
				}
				withdrawn, hasDate := m.WithdrawnOn()
				if !hasDate && !m.WithdrawnOnCleared() {
					if d, found := old(ctx, isOne, m.OldWithdrawnOn); found && d != nil {
						withdrawn, hasDate = *d, true
					}
				}
				if ok && status == demonstrationcommunity.StatusWITHDRAWN && !hasDate {
					return nil, apperr.Invalid("withdrawnOn", "撤销时须填写撤销日期", "a withdrawal needs the date withdrawn")
				}
				year, hasYear := m.DesignatedYear()
				if !hasYear {
					year, hasYear = old(ctx, isOne, m.OldDesignatedYear)
				}
				if hasDate && hasYear && withdrawn.Year < year {
					return nil, apperr.Invalid("withdrawnOn", "撤销日期不能早于确定年度", "withdrawnOn must not be before the year designated")
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
		keepDemonstrationOfCommunity(),
	}
}

// Hooks of Volunteer: a name, a valid mobile phone (encrypted, with its keyed hash), registration
// no earlier than birth and not in the future, leaving no earlier than registering, a village-level
// community, and one registration per name and phone in a community.
func (Volunteer) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.VolunteerFunc(func(ctx context.Context, m *gen.VolunteerMutation) (ent.Value, error) {
				if err := checkVolunteer(ctx, m); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
		keepVolunteerFacts(),
	}
}

// keepVolunteerFacts keeps the kept region fact of the volunteers (package internal/facts:
// VOLUNTEER_ACTIVE): after a volunteer's creation or deletion, or a change of its community or
// dates, in the mutation's transaction. One volunteer's write moves its one interval
// (facts.MovedVolunteer: a few statements whatever the community's size); a write of several
// recomputes the communities they were registered in before and are after (facts.TouchedRegions:
// one read of each community's volunteers through the (community_id, registered_on, left_on)
// index, the spans that differ rewritten).
func keepVolunteerFacts() ent.Hook {
	fields := []string{volunteer.FieldCommunityID, volunteer.FieldRegisteredOn, volunteer.FieldLeftOn}
	return func(next ent.Mutator) ent.Mutator {
		return hook.VolunteerFunc(func(ctx context.Context, m *gen.VolunteerMutation) (ent.Value, error) {
			if !m.Op().Is(ent.OpCreate|ent.OpDelete|ent.OpDeleteOne) && !touches(m, fields) {
				return next.Mutate(ctx, m)
			}
			var before []volunteerInterval
			if !m.Op().Is(ent.OpCreate) {
				ids, err := m.IDs(unrestricted(ctx))
				if err != nil {
					return nil, fmt.Errorf("volunteers changed: %w", err)
				}
				if before, err = volunteerIntervals(unrestricted(ctx), m.Client(), ids); err != nil {
					return nil, err
				}
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			var after []volunteerInterval
			switch {
			case m.Op().Is(ent.OpCreate):
				c, _ := m.CommunityID()
				r, _ := m.RegisteredOn()
				a := facts.Volunteer{Community: c, Registered: r}
				if l, ok := m.LeftOn(); ok {
					a.Left = &l
				}
				after = append(after, volunteerInterval{Volunteer: a})
			case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
				ids := make([]int, len(before))
				for i, b := range before {
					ids[i] = b.ID
				}
				if after, err = volunteerIntervals(unrestricted(ctx), m.Client(), ids); err != nil {
					return nil, err
				}
			}
			if len(before) <= 1 && len(after) <= 1 {
				var b, a *facts.Volunteer
				if len(before) == 1 {
					b = &before[0].Volunteer
				}
				if len(after) == 1 {
					a = &after[0].Volunteer
				}
				if b == nil && a == nil {
					return v, nil
				}
				if err := facts.MovedVolunteer(ctx, m.Client(), b, a); err != nil {
					return nil, err
				}
				return v, nil
			}
			var communities []int
			for _, x := range append(before, after...) {
				communities = append(communities, x.Community)
			}
			if err := facts.TouchedRegions(ctx, m.Client(), communities...); err != nil {
				return nil, err
			}
			return v, nil
		})
	}
}

// volunteerInterval is a volunteer's ID and registration as VOLUNTEER_ACTIVE counts it.
type volunteerInterval struct {
	ID int
	facts.Volunteer
}

// volunteerIntervals reads the registrations of the volunteers ids.
func volunteerIntervals(ctx context.Context, c *gen.Client, ids []int) ([]volunteerInterval, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	vols, err := c.Volunteer.Query().Where(volunteer.IDIn(ids...)).
		Select(volunteer.FieldID, volunteer.FieldCommunityID, volunteer.FieldRegisteredOn, volunteer.FieldLeftOn).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("volunteers changed: %w", err)
	}
	out := make([]volunteerInterval, len(vols))
	for i, v := range vols {
		out[i] = volunteerInterval{v.ID, facts.Volunteer{Community: v.CommunityID, Registered: v.RegisteredOn, Left: v.LeftOn}}
	}
	return out, nil
}

// checkVolunteer applies the volunteer rules to the volunteer a mutation leaves behind.
func checkVolunteer(ctx context.Context, m *gen.VolunteerMutation) error {
	isOne := m.Op().Is(ent.OpUpdateOne)
	var cur *gen.Volunteer
	if id, ok := m.ID(); ok && isOne {
		v, err := m.Client().Volunteer.Get(unrestricted(ctx), id)
		if err != nil {
			return fmt.Errorf("load volunteer: %w", err)
		}
		cur = v
	}
	name, hasName := m.Name()
	if hasName {
		v, err := required("name", name)
		if err != nil {
			return err
		}
		name = v
		m.SetName(v)
	} else if cur != nil {
		name = cur.Name
	}
	hash := ""
	if cur != nil {
		hash = cur.PhoneHash
	}
	newPhone, hasPhone := m.Phone()
	if hasPhone {
		v, err := phone("phone", newPhone)
		if err != nil {
			return err
		}
		if v == "" {
			return apperr.Invalid("phone", "须填写手机号", "phone must not be empty")
		}
		if m.Keyring == nil {
			return errNoKey()
		}
		sealed, err := m.Keyring.Encrypt(v)
		if err != nil {
			return err
		}
		hash = m.Keyring.Hash("phone", v)
		m.SetPhone(sealed)
		m.SetPhoneHash(hash)
	}
	community, hasCommunity := m.CommunityID()
	if hasCommunity {
		if err := villageLevel(ctx, m.Client(), "communityID", community); err != nil {
			return err
		}
	} else if cur != nil {
		community = cur.CommunityID
	}
	var birth, registered, left *civil.Date
	if cur != nil {
		birth, registered, left = cur.BirthDate, &cur.RegisteredOn, cur.LeftOn
	}
	if v, ok := m.BirthDate(); ok {
		birth = &v
	} else if m.BirthDateCleared() {
		birth = nil
	}
	if v, ok := m.RegisteredOn(); ok {
		if err := notAfterToday("registeredOn", v); err != nil {
			return err
		}
		registered = &v
	}
	if v, ok := m.LeftOn(); ok {
		left = &v
	} else if m.LeftOnCleared() {
		left = nil
	}
	if birth != nil && registered != nil && registered.Before(*birth) {
		return apperr.Invalid("registeredOn", "注册日期不能早于出生日期", "registeredOn must not be before the birth date")
	}
	if err := ordered("registeredOn", registered, "leftOn", left); err != nil {
		return err
	}
	if m.Op().Is(ent.OpCreate) || hasName || hasPhone || hasCommunity {
		q := m.Client().Volunteer.Query().Where(volunteer.CommunityID(community), volunteer.Name(name), volunteer.PhoneHash(hash))
		if cur != nil {
			q.Where(volunteer.IDNEQ(cur.ID))
		}
		dup, err := q.Exist(unrestricted(ctx))
		if err != nil {
			return fmt.Errorf("check duplicate volunteer: %w", err)
		}
		if dup {
			return apperr.Conflict("phone", "该志愿者（姓名和手机号相同）已在本村（社区）注册", "a volunteer with this name and phone is already registered in this community")
		}
	}
	return nil
}

// Hooks of Fund: a name, an amount that is not negative, a date not in the future, and a
// village-level community when one is named.
func (Fund) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.FundFunc(func(ctx context.Context, m *gen.FundMutation) (ent.Value, error) {
				if v, ok := m.Name(); ok {
					name, err := required("name", v)
					if err != nil {
						return nil, err
					}
					m.SetName(name)
				}
				if v, ok := m.AmountRaised(); ok && v < 0 {
					return nil, apperr.Invalid("amountRaised", "金额不能为负数", "amountRaised must not be negative")
				}
				if v, ok := m.EstablishedOn(); ok {
					if err := notAfterToday("establishedOn", v); err != nil {
						return nil, err
					}
				}
				if id, ok := m.CommunityID(); ok {
					if err := villageLevel(ctx, m.Client(), "communityID", id); err != nil {
						return nil, err
					}
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
		keepDemonstrationOfFunds(),
	}
}
