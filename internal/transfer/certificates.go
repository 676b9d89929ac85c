package transfer

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/person"
	"swtalent/ent/schema/enum"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/pii"
	"swtalent/internal/validate"
)

// certificateData is a parsed row of the certificates sheet.
type certificateData struct {
	number, holderHash, holderName string
	holderID                       int
	level                          enum.CertificateLevel
	passed                         civil.Date
	revoked                        *civil.Date
}

// holderColumns are the columns naming a record's person by ID number, with the name as a check.
func HolderColumns() []Column {
	return []Column{
		{Key: "idNumber", ZH: "身份证号", Aliases: []string{"ID number", "身份证号码", "公民身份号码"}, Required: true, Mask: pii.MaskIDNumber, Fields: []string{"holderID", "personID", "personId", "personIds"}, Example: "11010519491231002X"},
		{Key: "name", ZH: "姓名", Aliases: []string{"name"}, Example: "张三", Note: "填写时须与身份证号登记的姓名一致"},
	}
}

// Certificates is the register of professional level certificates (职业水平证书), keyed by number.
func Certificates() *Kind {
	return &Kind{
		Name:    "certificates",
		Entity:  "Certificate",
		TitleZH: "职业水平证书",
		Columns: append([]Column{
			{Key: "number", ZH: "证书编号", Aliases: []string{"certificate number", "管理号", "证书管理号"}, Required: true, Example: "202400361126000001"},
		}, append(HolderColumns(),
			Column{Key: "level", ZH: "证书等级", Aliases: []string{"level", "等级"}, Required: true, Example: "助理社会工作师", Note: Levels.Note()},
			Column{Key: "passedOn", ZH: "取得日期", Aliases: []string{"passed on", "发证日期"}, Required: true, Example: "2024-06-15"},
			Column{Key: "revokedOn", ZH: "撤销日期", Aliases: []string{"revoked on"}},
		)...),
		KeyColumn: "number",
		Parse:     parseCertificate,
		Resolve: ResolveHolders(func(r *Record) *HolderRef {
			d := r.Data.(*certificateData)
			return &HolderRef{Hash: d.holderHash, Name: d.holderName, ID: &d.holderID}
		}),
		Write:  writeCertificates,
		Export: exportCertificates,
	}
}

func parseCertificate(ctx context.Context, env *Env, row Row) (*Record, error) {
	var errs []error
	d := &certificateData{holderName: row.Get("name")}
	var err error
	if d.number, err = validate.CertificateNumber("number", row.Get("number")); err != nil {
		errs = append(errs, err)
	}
	if d.holderHash, err = IDHash(env, row); err != nil {
		errs = append(errs, err)
	}
	if l, err := Levels.Parse("level", row.Get("level")); err != nil {
		errs = append(errs, err)
	} else {
		d.level = enum.CertificateLevel(l)
	}
	if d.passed, err = ParseDate("passedOn", row.Get("passedOn")); err != nil {
		errs = append(errs, err)
	}
	if d.revoked, err = OptionalDate("revokedOn", row.Get("revokedOn")); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	return &Record{Key: d.number, Data: d}, nil
}

// idHash checks the row's ID number and returns its keyed hash.
func IDHash(env *Env, row Row) (string, error) {
	id, err := validate.ParseIDNumber("idNumber", row.Get("idNumber"), env.Today.Time())
	if err != nil {
		return "", err
	}
	return env.Keyring.Hash("id_number", id.Number), nil
}

// HolderRef is a record's reference to a person: the ID number's hash, the name given (or ""),
// and where ResolveHolders puts the person's ID.
type HolderRef struct {
	Hash, Name string
	ID         *int
}

// resolveHolders finds the people a batch names by ID number: an unknown person, or a name that
// differs from the registered one, is an error of the row.
func ResolveHolders(ref func(*Record) *HolderRef) func(ctx context.Context, env *Env, batch []*Record) error {
	return func(ctx context.Context, env *Env, batch []*Record) error {
		refs := make([]*HolderRef, len(batch))
		hashes := make([]string, len(batch))
		for i, r := range batch {
			refs[i] = ref(r)
			hashes[i] = refs[i].Hash
		}
		found, err := env.Client.Person.Query().Where(person.IDNumberHashIn(hashes...)).
			Select(person.FieldID, person.FieldIDNumberHash, person.FieldName).All(ctx)
		if err != nil {
			return fmt.Errorf("look up persons: %w", err)
		}
		byHash := make(map[string]*ent.Person, len(found))
		for _, p := range found {
			byHash[p.IDNumberHash] = p
		}
		var errs []error
		for i, h := range refs {
			p := byHash[h.Hash]
			switch {
			case p == nil:
				errs = append(errs, At(i, apperr.Invalid("idNumber", "没有该身份证号的人员（请先导入人员）", "no person has this ID number (import the persons first)")))
			case h.Name != "" && h.Name != p.Name:
				errs = append(errs, At(i, apperr.Invalid("name", "姓名与该身份证号登记的姓名不一致", "the name differs from the one registered with this ID number")))
			default:
				*h.ID = p.ID
			}
		}
		return joinErrors(errs)
	}
}

func writeCertificates(ctx context.Context, env *Env, batch []*Record) (Counts, error) {
	var counts Counts
	numbers := make([]string, len(batch))
	for i, r := range batch {
		numbers[i] = r.Data.(*certificateData).number
	}
	stored, err := env.Client.Certificate.Query().Where(certificate.NumberIn(numbers...)).All(ctx)
	if err != nil {
		return counts, fmt.Errorf("look up certificates: %w", err)
	}
	byNumber := make(map[string]*ent.Certificate, len(stored))
	for _, c := range stored {
		byNumber[c.Number] = c
	}
	var creates []*ent.CertificateCreate
	for i, r := range batch {
		d, row := r.Data.(*certificateData), r.cells
		c := byNumber[d.number]
		if c == nil {
			creates = append(creates, env.Client.Certificate.Create().SetNumber(d.number).SetHolderID(d.holderID).
				SetLevel(d.level).SetPassedOn(d.passed).SetNillableRevokedOn(d.revoked))
			continue
		}
		if c.HolderID == d.holderID && c.Level == d.level && c.PassedOn == d.passed && (!row.Has("revokedOn") || PtrEqual(c.RevokedOn, d.revoked)) {
			counts.Unchanged++
			continue
		}
		u := env.Client.Certificate.UpdateOne(c).SetHolderID(d.holderID).SetLevel(d.level).SetPassedOn(d.passed)
		if row.Has("revokedOn") {
			if d.revoked == nil {
				u.ClearRevokedOn()
			} else {
				u.SetRevokedOn(*d.revoked)
			}
		}
		if err := u.Exec(ctx); err != nil {
			return counts, At(i, err)
		}
		counts.Updated++
	}
	if len(creates) > 0 {
		if err := env.Client.Certificate.CreateBulk(creates...).Exec(ctx); err != nil {
			return counts, err
		}
		counts.Created += len(creates)
	}
	return counts, nil
}

func exportCertificates(ctx context.Context, env *Env, emit func(map[string]string) error) error {
	return Pages(ctx, func(after, limit int) (int, error) {
		list, err := env.Client.Certificate.Query().Where(certificate.IDGT(after)).Order(ent.Asc(certificate.FieldID)).Limit(limit).
			WithHolder().All(ctx)
		if err != nil {
			return 0, err
		}
		for _, c := range list {
			v := map[string]string{"number": c.Number, "level": Levels.Label(string(c.Level)),
				"passedOn": c.PassedOn.String(), "revokedOn": FormatDate(c.RevokedOn)}
			if h := c.Edges.Holder; h != nil {
				id, err := env.Personal(h.IDNumber, pii.MaskIDNumber)
				if err != nil {
					return 0, err
				}
				v["idNumber"], v["name"] = id, h.Name
			}
			if err := emit(v); err != nil {
				return 0, err
			}
			after = c.ID
		}
		if len(list) < limit {
			return 0, nil
		}
		return after, nil
	})
}
