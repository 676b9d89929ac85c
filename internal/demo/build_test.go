package demo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
	"swtalent/ent/person"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/ent/servicepoint"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/internal/pii"
	"swtalent/internal/testdb"
	"swtalent/internal/validate"
)

func TestVillages(t *testing.T) {
	_, w := buildWorld(t)
	if n := len(w.Townships); n != 17 {
		t.Fatalf("townships = %d, want 17", n)
	}
	if n := len(w.Villages); n < 130 || n > 160 {
		t.Errorf("villages = %d, want 130–160", n)
	}
	if w.County.Code != "361126000000" || w.County.Population == nil || *w.County.Population != 338817 {
		t.Errorf("county = %s population %v", w.County.Code, w.County.Population)
	}
	perTownship := make(map[string]int)
	sums := make(map[string]int)
	names := make(map[string]bool)
	for _, v := range w.Villages {
		tw := v.Code[:9] + "000"
		perTownship[tw]++
		if !v.Demo || v.Level != region.LevelVILLAGE {
			t.Errorf("village %s: demo %v level %s", v.Code, v.Demo, v.Level)
		}
		if err := validate.RegionChildOf("code", v.Code, tw); err != nil {
			t.Errorf("village %s: %v", v.Code, err)
		}
		part := v.Code[9:]
		switch v.Kind {
		case region.KindCOMMUNITY:
			if part < "001" || part > "199" || !strings.HasSuffix(v.Name, "社区") || *v.Population < 800 || *v.Population > 6000 {
				t.Errorf("community %s %s population %d", v.Code, v.Name, *v.Population)
			}
		case region.KindVILLAGE:
			if part < "200" || part > "399" || !strings.HasSuffix(v.Name, "村") || *v.Population < 800 || *v.Population > 6000 {
				t.Errorf("village %s %s population %d", v.Code, v.Name, *v.Population)
			}
		default:
			t.Errorf("village %s has kind %s", v.Code, v.Kind)
		}
		key := tw + v.Name
		if names[key] {
			t.Errorf("name %s repeated in township %s", v.Name, tw)
		}
		names[key] = true
		sums[tw] += *v.Population
	}
	for _, tw := range w.Townships {
		if n := perTownship[tw.Code]; n < 8 || n > 10 {
			t.Errorf("township %s has %d villages, want 8–10", tw.Name, n)
		}
		if tw.Population == nil || *tw.Population != sums[tw.Code] {
			t.Errorf("township %s population %v, want %d", tw.Name, tw.Population, sums[tw.Code])
		}
		if tw.Demo {
			t.Errorf("real township %s marked demo", tw.Name)
		}
	}
}

func TestPersons(t *testing.T) {
	client, w := buildWorld(t)
	if n := len(w.Persons); n < 230 || n > 270 {
		t.Errorf("persons = %d, want about 250", n)
	}
	now := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	ids := make(map[string]bool)
	var completed, inProgress, left int
	roles := make(map[enum.PersonRole]int)
	for _, p := range w.Persons {
		if !pii.IsEncrypted(p.IDNumber) || !pii.IsEncrypted(p.Phone) {
			t.Fatalf("%s: personal data stored in clear", p.Name)
		}
		phone := plain(t, client, p.Phone)
		id, err := validate.ParseIDNumber("idNumber", plain(t, client, p.IDNumber), now)
		if err != nil {
			t.Errorf("%s: ID number: %v", p.Name, err)
			continue
		}
		if ids[id.Number] {
			t.Errorf("ID number %s repeated", id.Number)
		}
		ids[id.Number] = true
		addr := id.Number[:6]
		if addr != "361126" && (addr != "362326" || id.BirthYear >= 2000) {
			t.Errorf("ID number %s: address code %s for birth year %d", id.Number, addr, id.BirthYear)
		}
		if id.BirthYear < 1965 || id.BirthYear > 2003 {
			t.Errorf("ID number %s: born %d", id.Number, id.BirthYear)
		}
		if (p.Gender == person.GenderMALE) != id.Male || p.BirthDate != civil.DateFor(id.BirthYear, time.Month(id.BirthMonth), id.BirthDay) {
			t.Errorf("%s: gender %s birth %s inconsistent with %s", p.Name, p.Gender, p.BirthDate, id.Number)
		}
		if len(phone) != 11 || phone[0] != '1' || strings.Trim(phone, "0123456789") != "" {
			t.Errorf("%s: phone %q", p.Name, phone)
		}
		if !p.Demo || p.Education == nil || len(p.Roles) == 0 || p.RegionID == nil || p.JoinedOn == nil {
			t.Errorf("%s: incomplete %+v", p.Name, p)
			continue
		}
		if p.JoinedOn.Year < 2012 || p.JoinedOn.After(w.Anchor) {
			t.Errorf("%s joined %s", p.Name, p.JoinedOn)
		}
		if p.LeftOn != nil {
			left++
			if p.LeftOn.Year < 2021 || p.LeftOn.After(w.Anchor) || !p.LeftOn.After(*p.JoinedOn) {
				t.Errorf("%s joined %s left %s", p.Name, p.JoinedOn, p.LeftOn)
			}
		}
		switch p.SocialWorkDegree {
		case person.SocialWorkDegreeCOMPLETED:
			completed++
		case person.SocialWorkDegreeIN_PROGRESS:
			inProgress++
		}
		for _, r := range p.Roles {
			roles[r]++
		}
	}
	n := len(w.Persons)
	if completed < n*6/100 || completed > n*15/100 {
		t.Errorf("completed degrees = %d of %d, want about 10%%", completed, n)
	}
	if inProgress < n*2/100 || inProgress > n*9/100 {
		t.Errorf("degrees in progress = %d of %d, want about 5%%", inProgress, n)
	}
	if left < n*3/100 || left > n*8/100 {
		t.Errorf("leavers = %d of %d, want about 5%%", left, n)
	}
	for _, r := range []enum.PersonRole{enum.RoleCommunityWorker, enum.RoleGridWorker, enum.RoleVillageCadre, enum.RoleAgencyStaff,
		enum.RoleReturnedGraduate, enum.RoleTeacher, enum.RoleStudent, enum.RoleVolunteer} {
		if roles[r] == 0 {
			t.Errorf("nobody has role %s", r)
		}
	}
	if roles[enum.RoleCommunityWorker] < n/2 {
		t.Errorf("community workers = %d of %d, want most", roles[enum.RoleCommunityWorker], n)
	}
}

func TestWorkplacesAndEmployers(t *testing.T) {
	ctx := system()
	client, _ := buildWorld(t)
	persons, err := client.Person.Query().WithRegion().WithEmployer().WithServicePoint(func(q *ent.ServicePointQuery) { q.WithRegion() }).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	assigned := 0
	for _, p := range persons {
		if slices.Contains(p.Roles, enum.RoleCommunityWorker) && p.Edges.Region.Level != region.LevelVILLAGE {
			t.Errorf("community worker %s works in a %s", p.Name, p.Edges.Region.Level)
		}
		staff := slices.Contains(p.Roles, enum.RoleAgencyStaff)
		if staff != (p.Edges.Employer != nil) {
			t.Errorf("%s: roles %v, employer %v", p.Name, p.Roles, p.Edges.Employer)
		}
		if e := p.Edges.Employer; e != nil && (!e.SocialWork || e.OrgType != agency.OrgTypePRIVATE_NON_ENTERPRISE) {
			t.Errorf("%s employed by %s", p.Name, e.Name)
		}
		if sp := p.Edges.ServicePoint; sp != nil {
			assigned++
			if sp.Tier == servicepoint.TierVILLAGE_POINT && sp.Edges.Region.ID != p.Edges.Region.ID {
				t.Errorf("%s works in %s but is assigned to %s", p.Name, p.Edges.Region.Name, sp.Name)
			}
		}
	}
	if assigned < 20 {
		t.Errorf("only %d persons assigned to service points", assigned)
	}
}

func TestCertificates(t *testing.T) {
	ctx := system()
	client, w := buildWorld(t)
	numbers := make(map[string]bool)
	levels := make(map[enum.CertificateLevel]int)
	byHolder := make(map[int][]*ent.Certificate)
	revoked := 0
	for _, c := range w.Certificates {
		if !c.Demo {
			t.Errorf("certificate %s not marked demo", c.Number)
		}
		if _, err := validate.CertificateNumber("number", c.Number); err != nil || numbers[c.Number] {
			t.Errorf("certificate number %s: %v (repeated %v)", c.Number, err, numbers[c.Number])
		}
		numbers[c.Number] = true
		levels[c.Level]++
		if c.PassedOn.Year < 2018 || c.PassedOn.After(w.Anchor) || c.PassedOn.Month < time.October {
			t.Errorf("certificate %s passed %s", c.Number, c.PassedOn)
		}
		if c.RevokedOn != nil {
			revoked++
			if !c.RevokedOn.After(c.PassedOn) || c.RevokedOn.After(w.Anchor) {
				t.Errorf("certificate %s passed %s revoked %s", c.Number, c.PassedOn, c.RevokedOn)
			}
		}
		byHolder[c.HolderID] = append(byHolder[c.HolderID], c)
	}
	if levels[enum.LevelSenior] < 2 || levels[enum.LevelSenior] > 3 {
		t.Errorf("SENIOR certificates = %d, want 2–3", levels[enum.LevelSenior])
	}
	if levels[enum.LevelAssistant] <= levels[enum.LevelIntermediate] || levels[enum.LevelIntermediate] < 10 {
		t.Errorf("levels = %v, want mostly ASSISTANT, some INTERMEDIATE", levels)
	}
	if revoked < 2 || revoked > 3 {
		t.Errorf("revoked certificates = %d, want 2–3", revoked)
	}
	upgraded := 0
	for _, certs := range byHolder {
		if len(certs) < 2 {
			continue
		}
		upgraded++
		for i := 1; i < len(certs); i++ {
			if certs[i].Level.Rank() <= certs[i-1].Level.Rank() || !certs[i].PassedOn.After(certs[i-1].PassedOn) {
				t.Errorf("holder %d: %s %s then %s %s", certs[i].HolderID, certs[i-1].Level, certs[i-1].PassedOn, certs[i].Level, certs[i].PassedOn)
			}
		}
	}
	if upgraded < 5 {
		t.Errorf("%d persons with a second, higher certificate, want some", upgraded)
	}
	if n, err := client.Certificate.Query().Count(ctx); err != nil || n != len(w.Certificates) {
		t.Errorf("certificates in the database = %d (%v), want %d", n, err, len(w.Certificates))
	}
}

func TestRegistrations(t *testing.T) {
	ctx := system()
	client, w := buildWorld(t)
	certs, err := client.Certificate.Query().WithRegistrations(func(q *ent.CertificateRegistrationQuery) {
		q.Order(certificateregistration.ByID())
	}).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	statuses := make(map[string]int)
	registered, older := 0, 0 // certificates passed before the anchor's year, and of them those registered
	for _, c := range certs {
		regs := c.Edges.Registrations
		if c.PassedOn.Year < w.Anchor.Year {
			older++
			if len(regs) > 0 && regs[0].Status == certificateregistration.StatusISSUED {
				registered++
			}
		}
		for i, r := range regs {
			statuses[string(r.Kind)+" "+string(r.Status)]++
			if !r.Demo {
				t.Errorf("registration %d not marked demo", r.ID)
			}
			if (i == 0) != (r.Kind == certificateregistration.KindFIRST) {
				t.Errorf("certificate %s: registration %d is %s", c.Number, i, r.Kind)
			}
			if r.Status != certificateregistration.StatusISSUED {
				if r.RegisteredOn != nil || r.ValidUntil != nil || i != len(regs)-1 {
					t.Errorf("certificate %s: %s registration with dates or followed by others", c.Number, r.Status)
				}
				continue
			}
			if r.RegisteredOn == nil || r.ValidUntil == nil || r.RegisteredOn.After(w.Anchor) {
				t.Errorf("certificate %s: issued registration %v–%v", c.Number, r.RegisteredOn, r.ValidUntil)
				continue
			}
			if i == 0 {
				if r.RegisteredOn.Before(c.PassedOn) || r.RegisteredOn.After(certrules.FirstDue(c.PassedOn)) {
					t.Errorf("certificate %s passed %s first registered %s", c.Number, c.PassedOn, r.RegisteredOn)
				}
				if *r.ValidUntil != certrules.ValidUntil(*r.RegisteredOn) {
					t.Errorf("certificate %s registered %s valid until %s", c.Number, r.RegisteredOn, r.ValidUntil)
				}
				continue
			}
			prev := regs[i-1]
			if r.RegisteredOn.Before(certrules.RenewalOpens(*prev.ValidUntil)) || r.RegisteredOn.After(*prev.ValidUntil) ||
				*r.ValidUntil != certrules.ValidUntil(*r.RegisteredOn) {
				t.Errorf("certificate %s: renewal %s–%s after %s", c.Number, r.RegisteredOn, r.ValidUntil, prev.ValidUntil)
			}
		}
	}
	t.Logf("registrations: %v", statuses)
	if registered < older*85/100 {
		t.Errorf("%d of %d certificates passed before %d first registered, want most", registered, older, w.Anchor.Year)
	}
	if n := statuses["FIRST PENDING"] + statuses["RENEWAL PENDING"] + statuses["FIRST NOT_APPLIED"]; n > len(certs)/8 {
		t.Errorf("%d registrations pending or not applied, want a few", n)
	}
	for _, s := range []string{"RENEWAL ISSUED", "FIRST PENDING", "FIRST NOT_APPLIED"} {
		if statuses[s] == 0 {
			t.Errorf("no %s registration", s)
		}
	}
}

func TestAgenciesPointsUniversity(t *testing.T) {
	ctx := system()
	client, w := buildWorld(t)
	agencies, err := client.Agency.Query().WithRegion().WithCommunity().WithCompetentDepartment().WithCultivatedBy().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var socialWork, cso, hubs, purchase int
	for _, a := range agencies {
		if !a.Demo || a.Edges.Region == nil {
			t.Errorf("agency %s: demo %v region %v", a.Name, a.Demo, a.Edges.Region)
		}
		switch a.OrgType {
		case agency.OrgTypePRIVATE_NON_ENTERPRISE:
			socialWork++
			if a.CreditCode == nil || !strings.HasPrefix(*a.CreditCode, "52361126") {
				t.Errorf("agency %s credit code %v", a.Name, a.CreditCode)
			} else if _, err := validate.CreditCode("creditCode", *a.CreditCode); err != nil {
				t.Errorf("agency %s credit code %s: %v", a.Name, *a.CreditCode, err)
			}
			if !strings.HasPrefix(a.Name, "弋阳县") || !strings.HasSuffix(a.Name, "社会工作服务中心") || !a.SocialWork {
				t.Errorf("agency %s", a.Name)
			}
			if a.Edges.CompetentDepartment == nil || a.Edges.CultivatedBy == nil || a.CultivatedYear == nil || a.RegisteredOn == nil ||
				a.RegisteredOn.Year < 2016 || a.RegisteredOn.Year > 2024 || len(a.ServiceFields) == 0 {
				t.Errorf("agency %s incomplete", a.Name)
			}
			if a.Hub {
				hubs++
			}
			if a.PurchaseCapable {
				purchase++
			}
		case agency.OrgTypeCOMMUNITY_SOCIAL_ORGANIZATION:
			cso++
			if a.CreditCode != nil || a.Edges.Community == nil || a.Edges.Community.Kind != region.KindCOMMUNITY {
				t.Errorf("community organisation %s: code %v community %v", a.Name, a.CreditCode, a.Edges.Community)
			}
		default:
			t.Errorf("agency %s has org type %s", a.Name, a.OrgType)
		}
	}
	if socialWork < 4 || socialWork > 6 || hubs != 1 || purchase < 3 {
		t.Errorf("social-work agencies %d (hubs %d, purchase-capable %d)", socialWork, hubs, purchase)
	}
	if cso < 3 || cso > 5 {
		t.Errorf("community social organisations = %d, want 3–5", cso)
	}

	points, err := client.ServicePoint.Query().WithRegion().WithParent().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tiers := make(map[servicepoint.Tier]int)
	stationTownships := make(map[int]bool)
	for _, p := range points {
		tiers[p.Tier]++
		if !p.Demo || p.OpenedOn == nil || p.OpenedOn.After(w.Anchor) {
			t.Errorf("point %s: demo %v opened %v", p.Name, p.Demo, p.OpenedOn)
			continue
		}
		switch p.Tier {
		case servicepoint.TierCOUNTY_CENTRE:
			if p.Edges.Region.ID != w.County.ID || *p.OpenedOn != civil.DateFor(2021, time.June, 1) || p.Edges.Parent != nil {
				t.Errorf("county centre %s", p.Name)
			}
		case servicepoint.TierTOWNSHIP_STATION:
			stationTownships[p.Edges.Region.ID] = true
			if p.Edges.Parent == nil || p.Edges.Parent.Tier != servicepoint.TierCOUNTY_CENTRE || p.OpenedOn.Year < 2021 || p.OpenedOn.Year > 2024 {
				t.Errorf("station %s opened %s", p.Name, p.OpenedOn)
			}
		case servicepoint.TierVILLAGE_POINT:
			if p.Edges.Parent == nil || p.Edges.Parent.Tier != servicepoint.TierTOWNSHIP_STATION || p.OpenedOn.Year < 2022 ||
				p.OpenedOn.Before(*p.Edges.Parent.OpenedOn) {
				t.Errorf("village point %s opened %s", p.Name, p.OpenedOn)
			}
		}
	}
	if tiers[servicepoint.TierCOUNTY_CENTRE] != 1 || tiers[servicepoint.TierTOWNSHIP_STATION] < 10 || tiers[servicepoint.TierTOWNSHIP_STATION] > 14 {
		t.Errorf("tiers = %v", tiers)
	}
	villagesInStationTownships := 0
	for _, v := range w.Villages {
		if stationTownships[v.ParentID] {
			villagesInStationTownships++
		}
	}
	if n := tiers[servicepoint.TierVILLAGE_POINT]; n < villagesInStationTownships/3 || n > villagesInStationTownships*2/3 {
		t.Errorf("village points = %d of %d villages in townships with a station, want about half", n, villagesInStationTownships)
	}

	if len(w.Universities) != 1 || w.Universities[0].CreditCode == nil || !strings.HasPrefix(*w.Universities[0].CreditCode, "12") {
		t.Fatalf("universities = %v", w.Universities)
	}
	if _, err := validate.CreditCode("creditCode", *w.Universities[0].CreditCode); err != nil {
		t.Errorf("university credit code: %v", err)
	}
}

func TestDeterministic(t *testing.T) {
	c1, w1 := buildWorld(t)
	c2, w2 := buildWorld(t)
	fingerprint := func(client *ent.Client, w *World) string {
		var b strings.Builder
		for _, v := range w.Villages {
			fmt.Fprintln(&b, v.Code, v.Name, *v.Population)
		}
		for _, p := range w.Persons {
			fmt.Fprintln(&b, p.Name, plain(t, client, p.IDNumber), plain(t, client, p.Phone), p.Roles, p.JoinedOn, p.LeftOn)
		}
		for _, c := range w.Certificates {
			fmt.Fprintln(&b, c.Number, c.Level, c.PassedOn, c.RevokedOn)
		}
		for _, r := range w.Registrations {
			fmt.Fprintln(&b, r.Kind, r.Status, r.RegisteredOn, r.ValidUntil)
		}
		for _, a := range w.Agencies {
			code := ""
			if a.CreditCode != nil {
				code = *a.CreditCode
			}
			fmt.Fprintln(&b, a.Name, code, a.RegisteredOn)
		}
		for _, p := range w.Points {
			fmt.Fprintln(&b, p.Name, p.OpenedOn)
		}
		return b.String()
	}
	if fingerprint(c1, w1) != fingerprint(c2, w2) {
		t.Error("two builds differ")
	}
}

func TestEmptyAndRebuild(t *testing.T) {
	ctx := system()
	client := openLoaded(t)
	empty, err := Empty(ctx, client)
	if err != nil || !empty {
		t.Fatalf("Empty on reference data only = %v, %v; want true", empty, err)
	}
	if _, err := Build(ctx, client, PlanEnd()); err != nil {
		t.Fatal(err)
	}
	empty, err = Empty(ctx, client)
	if err != nil || empty {
		t.Fatalf("Empty after Build = %v, %v; want false", empty, err)
	}
	if _, err := Build(ctx, client, PlanEnd()); err == nil {
		t.Error("second Build succeeded on a non-empty database")
	}
}

func TestBuildNeedsReferenceData(t *testing.T) {
	ctx := system()
	db := testdb.Open(t)
	if _, err := Build(ctx, db.Client, PlanEnd()); err == nil || !strings.Contains(err.Error(), "reference data") {
		t.Errorf("Build without reference data: %v", err)
	}
}

func TestLoad(t *testing.T) {
	ctx := system()
	client := openLoaded(t)
	boom := errors.New("boom")
	failing := func(ctx context.Context, w *World) error {
		if _, err := w.Client.University.Create().SetDemo(true).SetName("某大学").Save(ctx); err != nil {
			return err
		}
		return boom
	}
	if loaded, err := Load(ctx, client, PlanEnd(), failing); loaded || !errors.Is(err, boom) {
		t.Fatalf("Load with a failing extension = %v, %v", loaded, err)
	}
	if n := client.University.Query().CountX(ctx); n != 0 {
		t.Errorf("universities after rollback = %d, want 0", n)
	}
	if empty, err := Empty(ctx, client); err != nil || !empty {
		t.Fatalf("Empty after rollback = %v, %v", empty, err)
	}

	calls := 0
	var seen *World
	ext := func(ctx context.Context, w *World) error {
		calls++
		seen = w
		_, err := w.Client.University.Create().SetDemo(true).SetName("江西师范大学").Save(ctx)
		return err
	}
	loaded, err := Load(ctx, client, PlanEnd(), ext)
	if err != nil || !loaded || calls != 1 || seen == nil || len(seen.Persons) == 0 {
		t.Fatalf("Load = %v, %v; extension called %d times", loaded, err, calls)
	}
	if n := client.University.Query().CountX(ctx); n != 2 {
		t.Errorf("universities = %d, want 2", n)
	}
	loaded, err = Load(ctx, client, PlanEnd(), ext)
	if err != nil || loaded || calls != 1 {
		t.Errorf("second Load = %v, %v; extension called %d times", loaded, err, calls)
	}
}

func TestNothingAfterAnchor(t *testing.T) {
	ctx := system()
	client, w := buildWorld(t)
	check := func(what string, d *civil.Date) {
		if d != nil && d.After(w.Anchor) {
			t.Errorf("%s on %s, after %s", what, d, w.Anchor)
		}
	}
	for _, p := range w.Persons {
		check("person joined", p.JoinedOn)
		check("person left", p.LeftOn)
	}
	for _, c := range w.Certificates {
		check("certificate passed", &c.PassedOn)
		check("certificate revoked", c.RevokedOn)
	}
	for _, r := range w.Registrations {
		check("registered", r.RegisteredOn)
	}
	for _, a := range w.Agencies {
		check("agency registered", a.RegisteredOn)
	}
	for _, p := range w.Points {
		check("point opened", p.OpenedOn)
	}
	notDemo := []struct {
		name  string
		count func(context.Context) (int, error)
	}{
		{"persons", client.Person.Query().Where(person.Demo(false)).Count},
		{"certificates", client.Certificate.Query().Where(certificate.Demo(false)).Count},
		{"agencies", client.Agency.Query().Where(agency.Demo(false)).Count},
		{"service points", client.ServicePoint.Query().Where(servicepoint.Demo(false)).Count},
		{"registrations", client.CertificateRegistration.Query().Where(certificateregistration.Demo(false)).Count},
	}
	for _, nd := range notDemo {
		if n, err := nd.count(ctx); err != nil || n != 0 {
			t.Errorf("%s not marked demo: %d (%v)", nd.name, n, err)
		}
	}
	if n, err := client.Region.Query().Where(region.Demo(true)).Count(ctx); err != nil || n != len(w.Villages) {
		t.Errorf("demo regions = %d (%v), want %d", n, err, len(w.Villages))
	}
}

func BenchmarkBuild(b *testing.B) {
	for b.Loop() {
		buildWorld(b)
	}
}
