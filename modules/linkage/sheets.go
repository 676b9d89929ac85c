package linkage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"swtalent/ent"
	"swtalent/ent/volunteer"
	"swtalent/internal/civil"
	"swtalent/internal/pii"
	"swtalent/internal/transfer"
)

// SheetKinds are the module's spreadsheets: the volunteer register (import and export).
func (m *Module) SheetKinds() []*transfer.Kind {
	return []*transfer.Kind{{
		Name:    "volunteers",
		Entity:  "Volunteer",
		TitleZH: "社区志愿者",
		Columns: []transfer.Column{
			{Key: "name", ZH: "姓名", Aliases: []string{"name"}, Required: true, Example: "王芳"},
			{Key: "phone", ZH: "手机号", Aliases: []string{"phone", "手机", "手机号码", "联系电话"}, Required: true, Mask: pii.MaskPhone, Example: "13800138000"},
			{Key: "communityCode", ZH: "所在村（社区）代码", Aliases: []string{"community code", "村（社区）代码", "区划代码"}, Required: true,
				Fields: []string{"communityID"}, Example: "361126001001"},
			{Key: "registeredOn", ZH: "注册日期", Aliases: []string{"registered on"}, Required: true, Example: "2025-03-05"},
			{Key: "birthDate", ZH: "出生日期", Aliases: []string{"birth date"}, Example: "1985-07-12"},
			{Key: "serviceHours", ZH: "服务时长（小时）", Aliases: []string{"service hours", "服务时长"}, Example: "36"},
			{Key: "leftOn", ZH: "注销日期", Aliases: []string{"left on"}},
		},
		KeyColumn: "phone",
		Parse:     parseVolunteer,
		Write:     writeVolunteers,
		Export:    exportVolunteers,
	}}
}

// volunteerRow is a parsed row of the volunteers sheet.
type volunteerRow struct {
	name, phone, hash  string
	communityID        int
	registered         civil.Date
	birth, left        *civil.Date
	hours              *int
	hasHours, hasBirth bool
	hasLeft            bool
}

func parseVolunteer(ctx context.Context, env *transfer.Env, row transfer.Row) (*transfer.Record, error) {
	var errs []error
	v := &volunteerRow{name: strings.TrimSpace(row.Get("name")), phone: strings.TrimSpace(row.Get("phone")),
		hasHours: row.Has("serviceHours"), hasBirth: row.Has("birthDate"), hasLeft: row.Has("leftOn")}
	v.hash = env.Keyring.Hash("phone", v.phone)
	var err error
	if r, err := env.Region(ctx, "communityCode", row.Get("communityCode")); err != nil {
		errs = append(errs, err)
	} else {
		v.communityID = r.ID
	}
	if v.registered, err = transfer.ParseDate("registeredOn", row.Get("registeredOn")); err != nil {
		errs = append(errs, err)
	}
	if v.birth, err = transfer.OptionalDate("birthDate", row.Get("birthDate")); err != nil {
		errs = append(errs, err)
	}
	if v.left, err = transfer.OptionalDate("leftOn", row.Get("leftOn")); err != nil {
		errs = append(errs, err)
	}
	if v.hours, err = transfer.ParseInt("serviceHours", row.Get("serviceHours")); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &transfer.Record{Key: fmt.Sprintf("%d|%s|%s", v.communityID, v.name, v.hash), Data: v}, nil
}

// writeVolunteers upserts a batch by community, name and phone: one query finds the batch's
// stored volunteers, then each row is created, updated or left alone through the hooks.
func writeVolunteers(ctx context.Context, env *transfer.Env, batch []*transfer.Record) (transfer.Counts, error) {
	var counts transfer.Counts
	c := env.Client
	hashes := make([]string, len(batch))
	for i, r := range batch {
		hashes[i] = r.Data.(*volunteerRow).hash
	}
	stored, err := c.Volunteer.Query().Where(volunteer.PhoneHashIn(hashes...)).All(ctx)
	if err != nil {
		return counts, fmt.Errorf("look up volunteers: %w", err)
	}
	byKey := make(map[string]*ent.Volunteer, len(stored))
	for _, s := range stored {
		byKey[fmt.Sprintf("%d|%s|%s", s.CommunityID, s.Name, s.PhoneHash)] = s
	}
	for i, r := range batch {
		v := r.Data.(*volunteerRow)
		cur := byKey[r.Key]
		if cur == nil {
			create := c.Volunteer.Create().SetName(v.name).SetPhone(v.phone).SetCommunityID(v.communityID).
				SetRegisteredOn(v.registered).SetNillableBirthDate(v.birth).SetNillableLeftOn(v.left)
			if v.hours != nil {
				create.SetServiceHours(*v.hours)
			}
			if err := create.Exec(ctx); err != nil {
				return counts, transfer.At(i, err)
			}
			counts.Created++
			continue
		}
		same := cur.RegisteredOn == v.registered && (!v.hasBirth || transfer.PtrEqual(cur.BirthDate, v.birth)) &&
			(!v.hasLeft || transfer.PtrEqual(cur.LeftOn, v.left)) && (!v.hasHours || v.hours == nil || cur.ServiceHours == *v.hours)
		if same {
			counts.Unchanged++
			continue
		}
		u := c.Volunteer.UpdateOne(cur).SetRegisteredOn(v.registered)
		// Cleared or set, never both: PostgreSQL refuses an UPDATE assigning a column twice.
		if v.hasBirth && v.birth == nil {
			u.ClearBirthDate()
		} else if v.hasBirth {
			u.SetBirthDate(*v.birth)
		}
		if v.hasLeft && v.left == nil {
			u.ClearLeftOn()
		} else if v.hasLeft {
			u.SetLeftOn(*v.left)
		}
		if v.hasHours && v.hours != nil {
			u.SetServiceHours(*v.hours)
		}
		if err := u.Exec(ctx); err != nil {
			return counts, transfer.At(i, err)
		}
		counts.Updated++
	}
	return counts, nil
}

// exportVolunteers writes the register page by page, phones masked unless revealed.
func exportVolunteers(ctx context.Context, env *transfer.Env, emit func(map[string]string) error) error {
	return transfer.Pages(ctx, func(after, limit int) (int, error) {
		list, err := env.Client.Volunteer.Query().Where(volunteer.IDGT(after)).Order(ent.Asc(volunteer.FieldID)).
			Limit(limit).WithCommunity().All(ctx)
		if err != nil {
			return 0, fmt.Errorf("read volunteers: %w", err)
		}
		for _, v := range list {
			phone, err := env.Personal(v.Phone, pii.MaskPhone)
			if err != nil {
				return 0, err
			}
			row := map[string]string{"name": v.Name, "phone": phone, "registeredOn": v.RegisteredOn.String(),
				"birthDate": transfer.FormatDate(v.BirthDate), "serviceHours": strconv.Itoa(v.ServiceHours),
				"leftOn": transfer.FormatDate(v.LeftOn)}
			if v.Edges.Community != nil {
				row["communityCode"] = v.Edges.Community.Code
			}
			if err := emit(row); err != nil {
				return 0, err
			}
			after = v.ID
		}
		if len(list) < limit {
			return 0, nil
		}
		return after, nil
	})
}
