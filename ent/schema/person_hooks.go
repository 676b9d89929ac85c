package schema

import (
	"context"
	"errors"
	"time"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/hook"
	"swtalent/ent/person"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/validate"
)

// Hooks of Person: the ID number is checked (GB 11643) and gender and birth date are derived
// from it; it must be unique. Names, phones, roles and dates are checked. The person's
// kept facts follow a departure, a move, a new degree or role and a deletion.
func (Person) Hooks() []ent.Hook {
	return []ent.Hook{
		keepFactsOfPersons(),
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.PersonFunc(func(ctx context.Context, m *gen.PersonMutation) (ent.Value, error) {
				if err := checkPerson(ctx, m); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne),
	}
}

// errNoKey refuses to store personal data without a data key to encrypt it with.
func errNoKey() error {
	return apperr.Internal(errors.New("no data key: personal data cannot be encrypted"))
}

func checkPerson(ctx context.Context, m *gen.PersonMutation) error {
	if v, ok := m.Name(); ok {
		v, err := required("name", v)
		if err != nil {
			return err
		}
		m.SetName(v)
	}
	if v, ok := m.IDNumber(); ok {
		id, err := validate.ParseIDNumber("idNumber", v, today().Time())
		if err != nil {
			return err
		}
		if !m.Op().Is(ent.OpCreate) && !m.Op().Is(ent.OpUpdateOne) {
			return apperr.Invalid("idNumber", "不能批量修改身份证号", "ID numbers cannot be changed in bulk")
		}
		if m.Keyring == nil {
			return errNoKey()
		}
		hash := m.Keyring.Hash("id_number", id.Number)
		q := m.Client().Person.Query().Where(person.IDNumberHash(hash))
		if pid, ok := m.ID(); ok {
			q.Where(person.IDNEQ(pid))
		}
		taken, err := q.Exist(unrestricted(ctx))
		if err != nil {
			return err
		}
		if taken {
			return apperr.Conflict("idNumber", "该身份证号已登记", "a person with this ID number is already registered")
		}
		sealed, err := m.Keyring.Encrypt(id.Number)
		if err != nil {
			return err
		}
		m.SetIDNumber(sealed)
		m.SetIDNumberHash(hash)
		m.SetBirthDate(civil.DateFor(id.BirthYear, time.Month(id.BirthMonth), id.BirthDay))
		if id.Male {
			m.SetGender(person.GenderMALE)
		} else {
			m.SetGender(person.GenderFEMALE)
		}
	}
	if v, ok := m.Phone(); ok {
		v, err := phone("phone", v)
		if err != nil {
			return err
		}
		if v == "" {
			m.ClearPhone()
			m.ClearPhoneHash()
		} else {
			if m.Keyring == nil {
				return errNoKey()
			}
			sealed, err := m.Keyring.Encrypt(v)
			if err != nil {
				return err
			}
			m.SetPhone(sealed)
			m.SetPhoneHash(m.Keyring.Hash("phone", v))
		}
	}
	if err := tagSet(ctx, m, "roles", m.Roles, m.AppendedRoles, m.OldRoles); err != nil {
		return err
	}
	joined, hasJoined := m.JoinedOn()
	left, hasLeft := m.LeftOn()
	if hasJoined {
		if err := notAfterToday("joinedOn", joined); err != nil {
			return err
		}
	} else if v, ok := old(ctx, m.Op().Is(ent.OpUpdateOne), m.OldJoinedOn); ok && v != nil {
		joined, hasJoined = *v, true
	}
	if hasLeft {
		if err := notAfterToday("leftOn", left); err != nil {
			return err
		}
	} else if v, ok := old(ctx, m.Op().Is(ent.OpUpdateOne), m.OldLeftOn); ok && v != nil {
		left, hasLeft = *v, true
	}
	if hasJoined && hasLeft {
		return ordered("joinedOn", &joined, "leftOn", &left)
	}
	return nil
}
