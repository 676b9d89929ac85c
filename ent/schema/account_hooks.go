package schema

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/account"
	"swtalent/ent/apitoken"
	"swtalent/ent/hook"
	"swtalent/internal/apperr"
	"swtalent/internal/viewer"
)

// Hooks of Account: usernames are trimmed, required and unique; a scoped role has exactly the
// scope it needs (AGENCY an agency, TOWNSHIP a region, UNIVERSITY a university) and other roles
// none; a new password revokes the account's tokens (revokeOnNewPassword).
func (Account) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.AccountFunc(func(ctx context.Context, m *gen.AccountMutation) (ent.Value, error) {
				if err := checkAccount(ctx, m); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
		hook.On(revokeOnNewPassword, ent.OpUpdate|ent.OpUpdateOne),
	}
}

// revokeOnNewPassword revokes every open token of an account whose password changes — sessions
// and API tokens alike, since whoever knew the old password may have opened them — except the
// token the change was requested with, so that changing one's own password keeps that session.
// The revocation is part of the change's transaction.
func revokeOnNewPassword(next ent.Mutator) ent.Mutator {
	return hook.AccountFunc(func(ctx context.Context, m *gen.AccountMutation) (ent.Value, error) {
		if _, ok := m.PasswordHash(); !ok {
			return next.Mutate(ctx, m)
		}
		ids, err := m.IDs(unrestricted(ctx))
		if err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if err != nil || len(ids) == 0 {
			return v, err
		}
		err = m.Client().ApiToken.Update().
			Where(apitoken.HasAccountWith(account.IDIn(ids...)), apitoken.RevokedAtIsNil(), apitoken.IDNEQ(viewer.FromContext(ctx).TokenID)).
			SetRevokedAt(time.Now()).
			Exec(unrestricted(ctx))
		if err != nil {
			return nil, fmt.Errorf("revoke the tokens of a changed password: %w", err)
		}
		return v, nil
	})
}

func checkAccount(ctx context.Context, m *gen.AccountMutation) error {
	if v, ok := m.Username(); ok {
		v, err := required("username", v)
		if err != nil {
			return err
		}
		q := m.Client().Account.Query().Where(account.Username(v))
		if id, ok := m.ID(); ok {
			q.Where(account.IDNEQ(id))
		}
		taken, err := q.Exist(unrestricted(ctx))
		if err != nil {
			return err
		}
		if taken {
			return apperr.Conflict("username", "用户名已被使用", "this username is taken")
		}
		m.SetUsername(v)
	}
	isOne := m.Op().Is(ent.OpUpdateOne)
	role, ok := m.Role()
	if !ok {
		if role, ok = old(ctx, isOne, m.OldRole); !ok {
			return nil
		}
	}
	_, agency := m.AgencyID()
	_, region := m.RegionID()
	_, university := m.UniversityID()
	if isOne {
		// Scopes kept from before count unless this change clears them.
		id, _ := m.ID()
		cur, err := m.Client().Account.Query().Where(account.ID(id)).
			Select(account.FieldID).WithAgency().WithRegion().WithUniversity().Only(unrestricted(ctx))
		if err != nil {
			return err
		}
		agency = agency || (cur.Edges.Agency != nil && !m.AgencyCleared())
		region = region || (cur.Edges.Region != nil && !m.RegionCleared())
		university = university || (cur.Edges.University != nil && !m.UniversityCleared())
	}
	need := map[account.Role]string{account.RoleAGENCY: "agencyID", account.RoleTOWNSHIP: "regionID", account.RoleUNIVERSITY: "universityID"}[role]
	for field, set := range map[string]bool{"agencyID": agency, "regionID": region, "universityID": university} {
		if set && field != need {
			return apperr.Invalid(field, "该角色不需要此管辖范围", "the role "+string(role)+" takes no "+field)
		}
		if !set && field == need {
			return apperr.Invalid(field, "该角色必须指定管辖范围", "the role "+string(role)+" needs "+field)
		}
	}
	return nil
}
