package transfer

import (
	"context"
	"fmt"
	"slices"

	"swtalent/ent"
	"swtalent/ent/person"
	"swtalent/ent/schema/enum"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/pii"
	"swtalent/internal/validate"
)

// personData is a parsed row of the persons sheet.
type personData struct {
	name, id, hash, phone string
	education             *person.Education
	degree                person.SocialWorkDegree
	roles                 []enum.PersonRole
	regionID, employerID  *int
	joined, left          *civil.Date
}

// Persons is the register of people (人员), keyed by ID number.
func Persons() *Kind {
	return &Kind{
		Name:    "persons",
		Entity:  "Person",
		TitleZH: "人员",
		Columns: []Column{
			{Key: "name", ZH: "姓名", Aliases: []string{"name", "full name"}, Required: true, Example: "张三"},
			{Key: "idNumber", ZH: "身份证号", Aliases: []string{"ID number", "身份证号码", "公民身份号码"}, Required: true, Mask: pii.MaskIDNumber, Example: "11010519491231002X"},
			{Key: "phone", ZH: "手机号", Aliases: []string{"phone", "手机", "手机号码", "联系电话"}, Mask: pii.MaskPhone, Example: "13800138000"},
			{Key: "education", ZH: "最高学历", Aliases: []string{"education", "学历"}, Example: "本科", Note: Educations.Note()},
			{Key: "socialWorkDegree", ZH: "社会工作专业学历", Aliases: []string{"social work degree", "社工专业学历"}, Example: "无", Note: Degrees.Note()},
			{Key: "roles", ZH: "身份", Aliases: []string{"roles", "人员身份"}, Example: "社区工作者、网格员", Note: Roles.Note()},
			{Key: "regionCode", ZH: "工作地区划代码", Aliases: []string{"region code", "区划代码", "工作地区划"}, Fields: []string{"regionID", "region"}, Example: "361126001001"},
			{Key: "employer", ZH: "所在机构", Aliases: []string{"employer", "工作单位"}, Fields: []string{"employerID"}, Note: "统一社会信用代码或机构准确名称"},
			{Key: "joinedOn", ZH: "入职日期", Aliases: []string{"joined on", "参加工作日期"}, Example: "2023-03-01"},
			{Key: "leftOn", ZH: "离开日期", Aliases: []string{"left on", "离职日期"}},
		},
		KeyColumn: "idNumber",
		Parse:     parsePerson,
		Write:     writePersons,
		Export:    exportPersons,
	}
}

func parsePerson(ctx context.Context, env *Env, row Row) (*Record, error) {
	var errs []error
	fail := func(err error) { errs = append(errs, err) }
	d := &personData{name: row.Get("name"), degree: person.SocialWorkDegreeNONE}
	if n := []rune(d.name); len(n) > 50 {
		fail(apperr.Invalid("name", "姓名不能超过50个字", "name must be at most 50 characters"))
	}
	id, err := validate.ParseIDNumber("idNumber", row.Get("idNumber"), env.Today.Time())
	if err != nil {
		fail(err)
	} else {
		d.id = id.Number
		d.hash = env.Keyring.Hash("id_number", id.Number)
	}
	d.phone = row.Get("phone")
	if p := d.phone; p != "" && (len(p) != 11 || p[0] != '1' || !isDigits(p)) {
		fail(apperr.Invalid("phone", "手机号应为以1开头的11位数字", "phone must be 11 digits starting with 1"))
	}
	if v := row.Get("education"); v != "" {
		if e, err := Educations.Parse("education", v); err != nil {
			fail(err)
		} else {
			ed := person.Education(e)
			d.education = &ed
		}
	}
	if v := row.Get("socialWorkDegree"); v != "" {
		if e, err := Degrees.Parse("socialWorkDegree", v); err != nil {
			fail(err)
		} else {
			d.degree = person.SocialWorkDegree(e)
		}
	}
	if roles, err := Roles.ParseList("roles", row.Get("roles")); err != nil {
		fail(err)
	} else {
		for _, r := range roles {
			d.roles = append(d.roles, enum.PersonRole(r))
		}
	}
	if v := row.Get("regionCode"); v != "" {
		if r, err := env.Region(ctx, "regionCode", v); err != nil {
			fail(err)
		} else {
			d.regionID = &r.ID
		}
	}
	if v := row.Get("employer"); v != "" {
		if a, err := env.Agency(ctx, "employer", v); err != nil {
			fail(err)
		} else {
			d.employerID = &a.ID
		}
	}
	if d.joined, err = OptionalDate("joinedOn", row.Get("joinedOn")); err != nil {
		fail(err)
	}
	if d.left, err = OptionalDate("leftOn", row.Get("leftOn")); err != nil {
		fail(err)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	return &Record{Key: d.hash, Data: d}, nil
}

func writePersons(ctx context.Context, env *Env, batch []*Record) (Counts, error) {
	var counts Counts
	hashes := make([]string, len(batch))
	for i, r := range batch {
		hashes[i] = r.Data.(*personData).hash
	}
	stored, err := env.Client.Person.Query().Where(person.IDNumberHashIn(hashes...)).
		WithEmployer(func(q *ent.AgencyQuery) { q.Select("id") }).All(ctx)
	if err != nil {
		return counts, fmt.Errorf("look up persons: %w", err)
	}
	byHash := make(map[string]*ent.Person, len(stored))
	for _, p := range stored {
		byHash[p.IDNumberHash] = p
	}
	var creates []*ent.PersonCreate
	for i, r := range batch {
		d, row := r.Data.(*personData), r.cells
		p := byHash[d.hash]
		if p == nil {
			c := env.Client.Person.Create().SetName(d.name).SetIDNumber(d.id).SetSocialWorkDegree(d.degree).
				SetNillableEducation(d.education).SetNillableRegionID(d.regionID).SetNillableEmployerID(d.employerID).
				SetNillableJoinedOn(d.joined).SetNillableLeftOn(d.left)
			if d.phone != "" {
				c.SetPhone(d.phone)
			}
			if len(d.roles) > 0 {
				c.SetRoles(d.roles)
			}
			creates = append(creates, c)
			continue
		}
		u := env.Client.Person.UpdateOne(p)
		changed := false
		if d.name != p.Name {
			u.SetName(d.name)
			changed = true
		}
		if row.Has("phone") {
			h := ""
			if d.phone != "" {
				h = env.Keyring.Hash("phone", d.phone)
			}
			if h != p.PhoneHash {
				if d.phone == "" {
					u.ClearPhone().ClearPhoneHash()
				} else {
					u.SetPhone(d.phone)
				}
				changed = true
			}
		}
		if row.Has("education") && !PtrEqual(d.education, p.Education) {
			if d.education == nil {
				u.ClearEducation()
			} else {
				u.SetEducation(*d.education)
			}
			changed = true
		}
		if row.Has("socialWorkDegree") && d.degree != p.SocialWorkDegree {
			u.SetSocialWorkDegree(d.degree)
			changed = true
		}
		if row.Has("roles") && !slices.Equal(d.roles, p.Roles) {
			if len(d.roles) == 0 {
				u.ClearRoles()
			} else {
				u.SetRoles(d.roles)
			}
			changed = true
		}
		if row.Has("regionCode") && !PtrEqual(d.regionID, p.RegionID) {
			if d.regionID == nil {
				u.ClearRegion()
			} else {
				u.SetRegionID(*d.regionID)
			}
			changed = true
		}
		if row.Has("employer") {
			var cur *int
			if p.Edges.Employer != nil {
				cur = &p.Edges.Employer.ID
			}
			if !PtrEqual(d.employerID, cur) {
				if d.employerID == nil {
					u.ClearEmployer()
				} else {
					u.SetEmployerID(*d.employerID)
				}
				changed = true
			}
		}
		if row.Has("joinedOn") && !PtrEqual(d.joined, p.JoinedOn) {
			u.SetNillableJoinedOn(d.joined)
			if d.joined == nil {
				u.ClearJoinedOn()
			}
			changed = true
		}
		if row.Has("leftOn") && !PtrEqual(d.left, p.LeftOn) {
			u.SetNillableLeftOn(d.left)
			if d.left == nil {
				u.ClearLeftOn()
			}
			changed = true
		}
		if !changed {
			counts.Unchanged++
			continue
		}
		if err := u.Exec(ctx); err != nil {
			return counts, At(i, err)
		}
		counts.Updated++
	}
	if len(creates) > 0 {
		if err := env.Client.Person.CreateBulk(creates...).Exec(ctx); err != nil {
			return counts, err
		}
		counts.Created += len(creates)
	}
	return counts, nil
}

func exportPersons(ctx context.Context, env *Env, emit func(map[string]string) error) error {
	return Pages(ctx, func(after, limit int) (int, error) {
		list, err := env.Client.Person.Query().Where(person.IDGT(after)).Order(ent.Asc(person.FieldID)).Limit(limit).
			WithRegion().WithEmployer().All(ctx)
		if err != nil {
			return 0, err
		}
		for _, p := range list {
			id, err := env.Personal(p.IDNumber, pii.MaskIDNumber)
			if err != nil {
				return 0, err
			}
			phone, err := env.Personal(p.Phone, pii.MaskPhone)
			if err != nil {
				return 0, err
			}
			v := map[string]string{
				"name": p.Name, "idNumber": id, "phone": phone,
				"socialWorkDegree": Degrees.Label(string(p.SocialWorkDegree)),
				"roles":            Roles.Labels(toStrings(p.Roles)),
				"joinedOn":         FormatDate(p.JoinedOn), "leftOn": FormatDate(p.LeftOn),
			}
			if p.Education != nil {
				v["education"] = Educations.Label(string(*p.Education))
			}
			if p.Edges.Region != nil {
				v["regionCode"] = p.Edges.Region.Code
			}
			if a := p.Edges.Employer; a != nil {
				v["employer"] = a.Name
				if a.CreditCode != nil {
					v["employer"] = *a.CreditCode
				}
			}
			if err := emit(v); err != nil {
				return 0, err
			}
			after = p.ID
		}
		if len(list) < limit {
			return 0, nil
		}
		return after, nil
	})
}
