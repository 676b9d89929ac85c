package transfer

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/schema/enum"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/validate"
)

// agencyData is a parsed row of the agencies sheet.
type agencyData struct {
	name, creditCode, regionCode        string
	orgType                             agency.OrgType
	socialWork, hub, industry, purchase bool
	influence                           agency.Influence
	fields                              []enum.ServiceField
	regionID                            *int
	registered, deregistered            *civil.Date
	cultivatorID, cultivatedYear        *int
}

// Agencies is the register of social organisations (社会组织), keyed by credit code, or by name
// and region for organisations only filed (备案) without a code.
func Agencies() *Kind {
	return &Kind{
		Name:    "agencies",
		Entity:  "Agency",
		TitleZH: "社会组织",
		Columns: []Column{
			{Key: "name", ZH: "机构名称", Aliases: []string{"name", "名称", "组织名称"}, Required: true, Example: "弋阳县阳光社会工作服务中心"},
			{Key: "creditCode", ZH: "统一社会信用代码", Aliases: []string{"credit code", "信用代码"}, Example: "91350100M000100Y43"},
			{Key: "orgType", ZH: "组织类型", Aliases: []string{"org type", "类型"}, Example: "民办非企业单位", Note: OrgTypes.Note()},
			{Key: "socialWork", ZH: "社会工作服务机构", Aliases: []string{"social work"}, Example: "是"},
			{Key: "hub", ZH: "枢纽型", Aliases: []string{"hub", "枢纽型社会组织"}, Example: "否"},
			{Key: "industryAssociation", ZH: "行业组织", Aliases: []string{"industry association"}, Example: "否"},
			{Key: "purchaseCapable", ZH: "可承接政府购买服务", Aliases: []string{"purchase capable"}, Example: "是"},
			{Key: "influence", ZH: "影响力", Aliases: []string{"influence"}, Example: "县级", Note: Influences.Note()},
			{Key: "serviceFields", ZH: "服务领域", Aliases: []string{"service fields"}, Example: "为老服务、社会救助", Note: ServiceFields.Note()},
			{Key: "regionCode", ZH: "所在区划代码", Aliases: []string{"region code", "区划代码"}, Fields: []string{"regionID", "region"}, Example: "361126001000"},
			{Key: "cultivatedBy", ZH: "培育部门", Aliases: []string{"cultivated by", "重点培育部门"}, Example: "县民政局", Note: "部门简称或全称；与培育年度同时填写"},
			{Key: "cultivatedYear", ZH: "培育年度", Aliases: []string{"cultivated year", "cultivation year"}, Example: "2025"},
			{Key: "registeredOn", ZH: "登记日期", Aliases: []string{"registered on", "成立日期", "备案日期"}, Example: "2021-05-20"},
			{Key: "deregisteredOn", ZH: "注销日期", Aliases: []string{"deregistered on"}},
		},
		KeyColumn: "creditCode",
		Parse:     parseAgency,
		Write:     writeAgencies,
		Export:    exportAgencies,
	}
}

func parseAgency(ctx context.Context, env *Env, row Row) (*Record, error) {
	var errs []error
	fail := func(err error) { errs = append(errs, err) }
	d := &agencyData{name: row.Get("name"), orgType: agency.OrgTypePRIVATE_NON_ENTERPRISE, influence: agency.InfluenceCOUNTY}
	var err error
	if len([]rune(d.name)) > 100 {
		fail(apperr.Invalid("name", "名称不能超过100个字", "name must be at most 100 characters"))
	}
	if v := row.Get("creditCode"); v != "" {
		if d.creditCode, err = validate.CreditCode("creditCode", v); err != nil {
			fail(err)
		}
	}
	if v := row.Get("orgType"); v != "" {
		if t, err := OrgTypes.Parse("orgType", v); err != nil {
			fail(err)
		} else {
			d.orgType = agency.OrgType(t)
		}
	}
	for _, b := range []struct {
		key string
		dst *bool
		def bool
	}{{"socialWork", &d.socialWork, true}, {"hub", &d.hub, false}, {"industryAssociation", &d.industry, false}, {"purchaseCapable", &d.purchase, false}} {
		if *b.dst, err = ParseBool(b.key, row.Get(b.key), b.def); err != nil {
			fail(err)
		}
	}
	if v := row.Get("influence"); v != "" {
		if t, err := Influences.Parse("influence", v); err != nil {
			fail(err)
		} else {
			d.influence = agency.Influence(t)
		}
	}
	if list, err := ServiceFields.ParseList("serviceFields", row.Get("serviceFields")); err != nil {
		fail(err)
	} else {
		for _, f := range list {
			d.fields = append(d.fields, enum.ServiceField(f))
		}
	}
	if v := row.Get("regionCode"); v != "" {
		if r, err := env.Region(ctx, "regionCode", v); err != nil {
			fail(err)
		} else {
			d.regionID, d.regionCode = &r.ID, r.Code
		}
	}
	if v := row.Get("cultivatedBy"); v != "" {
		if dep, err := env.Department(ctx, "cultivatedBy", v); err != nil {
			fail(err)
		} else {
			d.cultivatorID = &dep.ID
		}
	}
	if d.cultivatedYear, err = ParseInt("cultivatedYear", row.Get("cultivatedYear")); err != nil {
		fail(err)
	} else if err := validate.Cultivation(row.Get("cultivatedBy") != "", d.cultivatedYear, env.Today, "cultivatedBy", "cultivatedYear"); err != nil {
		fail(err)
	}
	if d.registered, err = OptionalDate("registeredOn", row.Get("registeredOn")); err != nil {
		fail(err)
	}
	if d.deregistered, err = OptionalDate("deregisteredOn", row.Get("deregisteredOn")); err != nil {
		fail(err)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	key := "code:" + d.creditCode
	if d.creditCode == "" {
		key = "name:" + d.name + "|" + d.regionCode
	}
	return &Record{Key: key, Data: d}, nil
}

func writeAgencies(ctx context.Context, env *Env, batch []*Record) (Counts, error) {
	var counts Counts
	var codes, names []string
	for _, r := range batch {
		d := r.Data.(*agencyData)
		if d.creditCode != "" {
			codes = append(codes, d.creditCode)
		}
		names = append(names, d.name)
	}
	stored, err := env.Client.Agency.Query().Where(agency.Or(agency.CreditCodeIn(codes...), agency.NameIn(names...))).
		WithRegion(func(q *ent.RegionQuery) { q.Select("id", "code") }).
		WithCultivatedBy(func(q *ent.DepartmentQuery) { q.Select("id") }).All(ctx)
	if err != nil {
		return counts, fmt.Errorf("look up agencies: %w", err)
	}
	match := func(d *agencyData) *ent.Agency {
		for _, a := range stored {
			if d.creditCode != "" && a.CreditCode != nil && *a.CreditCode == d.creditCode {
				return a
			}
		}
		for _, a := range stored {
			code := ""
			if a.Edges.Region != nil {
				code = a.Edges.Region.Code
			}
			if a.Name == d.name && code == d.regionCode && (a.CreditCode == nil || d.creditCode == "") {
				return a
			}
		}
		return nil
	}
	var creates []*ent.AgencyCreate
	for i, r := range batch {
		d, row := r.Data.(*agencyData), r.cells
		a := match(d)
		if a == nil {
			c := env.Client.Agency.Create().SetName(d.name).SetOrgType(d.orgType).SetSocialWork(d.socialWork).SetHub(d.hub).
				SetIndustryAssociation(d.industry).SetPurchaseCapable(d.purchase).SetInfluence(d.influence).
				SetNillableRegionID(d.regionID).SetNillableRegisteredOn(d.registered).SetNillableDeregisteredOn(d.deregistered).
				SetNillableCultivatedByID(d.cultivatorID).SetNillableCultivatedYear(d.cultivatedYear)
			if d.creditCode != "" {
				c.SetCreditCode(d.creditCode)
			}
			if len(d.fields) > 0 {
				c.SetServiceFields(d.fields)
			}
			creates = append(creates, c)
			continue
		}
		var curRegion *int
		if a.Edges.Region != nil {
			curRegion = &a.Edges.Region.ID
		}
		var curCultivator *int
		if a.Edges.CultivatedBy != nil {
			curCultivator = &a.Edges.CultivatedBy.ID
		}
		cultivationSame := !row.Has("cultivatedBy") && !row.Has("cultivatedYear") ||
			PtrEqual(curCultivator, d.cultivatorID) && PtrEqual(a.CultivatedYear, d.cultivatedYear)
		code := ""
		if a.CreditCode != nil {
			code = *a.CreditCode
		}
		same := cultivationSame && a.Name == d.name && code == d.creditCode && a.OrgType == d.orgType && a.SocialWork == d.socialWork &&
			a.Hub == d.hub && a.IndustryAssociation == d.industry && a.PurchaseCapable == d.purchase &&
			a.Influence == d.influence && slices.Equal(a.ServiceFields, d.fields) && PtrEqual(curRegion, d.regionID) &&
			PtrEqual(a.RegisteredOn, d.registered) && PtrEqual(a.DeregisteredOn, d.deregistered)
		if same {
			counts.Unchanged++
			continue
		}
		u := env.Client.Agency.UpdateOne(a).SetName(d.name).SetOrgType(d.orgType).SetSocialWork(d.socialWork).SetHub(d.hub).
			SetIndustryAssociation(d.industry).SetPurchaseCapable(d.purchase).SetInfluence(d.influence)
		if code != d.creditCode {
			if d.creditCode == "" {
				u.ClearCreditCode()
			} else {
				u.SetCreditCode(d.creditCode)
			}
		}
		if !slices.Equal(a.ServiceFields, d.fields) {
			if len(d.fields) == 0 {
				u.ClearServiceFields()
			} else {
				u.SetServiceFields(d.fields)
			}
		}
		if row.Has("regionCode") {
			if d.regionID == nil {
				u.ClearRegion()
			} else {
				u.SetRegionID(*d.regionID)
			}
		}
		if row.Has("cultivatedBy") || row.Has("cultivatedYear") {
			u.ClearCultivatedBy().SetNillableCultivatedByID(d.cultivatorID).ClearCultivatedYear().SetNillableCultivatedYear(d.cultivatedYear)
		}
		if row.Has("registeredOn") {
			u.ClearRegisteredOn().SetNillableRegisteredOn(d.registered)
		}
		if row.Has("deregisteredOn") {
			u.ClearDeregisteredOn().SetNillableDeregisteredOn(d.deregistered)
		}
		if err := u.Exec(ctx); err != nil {
			return counts, At(i, err)
		}
		counts.Updated++
	}
	if len(creates) > 0 {
		if err := env.Client.Agency.CreateBulk(creates...).Exec(ctx); err != nil {
			return counts, err
		}
		counts.Created += len(creates)
	}
	return counts, nil
}

func exportAgencies(ctx context.Context, env *Env, emit func(map[string]string) error) error {
	return Pages(ctx, func(after, limit int) (int, error) {
		list, err := env.Client.Agency.Query().Where(agency.IDGT(after)).Order(ent.Asc(agency.FieldID)).Limit(limit).WithRegion().WithCultivatedBy().All(ctx)
		if err != nil {
			return 0, err
		}
		for _, a := range list {
			v := map[string]string{"name": a.Name, "orgType": OrgTypes.Label(string(a.OrgType)),
				"socialWork": FormatBool(a.SocialWork), "hub": FormatBool(a.Hub), "industryAssociation": FormatBool(a.IndustryAssociation),
				"purchaseCapable": FormatBool(a.PurchaseCapable), "influence": Influences.Label(string(a.Influence)),
				"serviceFields": ServiceFields.Labels(toStrings(a.ServiceFields)),
				"registeredOn":  FormatDate(a.RegisteredOn), "deregisteredOn": FormatDate(a.DeregisteredOn)}
			if a.CreditCode != nil {
				v["creditCode"] = *a.CreditCode
			}
			if a.Edges.Region != nil {
				v["regionCode"] = a.Edges.Region.Code
			}
			if a.Edges.CultivatedBy != nil {
				v["cultivatedBy"] = a.Edges.CultivatedBy.ShortName
			}
			if a.CultivatedYear != nil {
				v["cultivatedYear"] = strconv.Itoa(*a.CultivatedYear)
			}
			if err := emit(v); err != nil {
				return 0, err
			}
			after = a.ID
		}
		if len(list) < limit {
			return 0, nil
		}
		return after, nil
	})
}
