package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"swtalent/ent"
	"swtalent/ent/person"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
)

// Sizes of the demo workforce.
const (
	personCount = 250
	leaverCount = 12 // about 5% leave the county's workforce in 2021–2025
)

// roleProfile is a kind of person in the demo workforce and how often it occurs.
type roleProfile struct {
	roles   []enum.PersonRole
	weight  int  // out of 100
	village bool // works in a village or community (else in a township)
	agency  bool // employed by a social-work agency
}

// roleProfiles lists the demo's kinds of people: mostly community workers, grid workers and
// village cadres, some agency staff, a few returned graduates, teachers, students and volunteers.
func roleProfiles() []roleProfile {
	r := func(roles ...enum.PersonRole) []enum.PersonRole { return roles }
	return []roleProfile{
		{r(enum.RoleCommunityWorker), 28, true, false},
		{r(enum.RoleCommunityWorker, enum.RoleGridWorker), 20, true, false},
		{r(enum.RoleCommunityWorker, enum.RoleVillageCadre), 14, true, false},
		{r(enum.RoleGridWorker), 5, true, false},
		{r(enum.RoleVillageCadre), 5, true, false},
		{r(enum.RoleAgencyStaff), 14, false, true},
		{r(enum.RoleCommunityWorker, enum.RoleReturnedGraduate), 4, true, false},
		{r(enum.RoleTeacher), 3, false, false},
		{r(enum.RoleStudent, enum.RoleVolunteer), 2, false, false},
		{r(enum.RoleVolunteer), 1, false, false},
		{r(enum.RoleCivilServant), 2, false, false},
		{r(enum.RolePublicInstitutionStaff), 2, false, false},
	}
}

// personDraft is a person before creation.
type personDraft struct {
	name, id, phone string
	female          bool
	birth           civil.Date
	education       person.Education
	degree          person.SocialWorkDegree
	roles           []enum.PersonRole
	region          *ent.Region
	employer        *ent.Agency
	point           *ent.ServicePoint
	joined          civil.Date
	left            *civil.Date
}

// addPersons creates the demo workforce in one bulk insert.
func (b *builder) addPersons(ctx context.Context) error {
	profiles := roleProfiles()
	drafts := make([]personDraft, personCount)
	for i := range drafts {
		drafts[i] = b.draftPerson(b.Rand, b.pickProfile(b.Rand, profiles))
	}
	b.markLeavers(drafts)
	persons, err := b.createPersons(ctx, drafts)
	if err != nil {
		return err
	}
	b.Persons = persons
	return nil
}

// createPersons creates the drafted people in one bulk insert.
func (b *builder) createPersons(ctx context.Context, drafts []personDraft) ([]*ent.Person, error) {
	creates := make([]*ent.PersonCreate, len(drafts))
	for i, d := range drafts {
		gender := person.GenderMALE
		if d.female {
			gender = person.GenderFEMALE
		}
		c := b.Client.Person.Create().
			SetDemo(true).
			SetName(d.name).
			SetIDNumber(d.id).
			SetGender(gender).
			SetBirthDate(d.birth).
			SetPhone(d.phone).
			SetEducation(d.education).
			SetSocialWorkDegree(d.degree).
			SetRoles(d.roles).
			SetRegionID(d.region.ID).
			SetJoinedOn(d.joined).
			SetNillableLeftOn(d.left)
		if d.employer != nil {
			c.SetEmployer(d.employer)
		}
		if d.point != nil {
			c.SetServicePoint(d.point)
		}
		creates[i] = c
	}
	persons, err := b.Client.Person.CreateBulk(creates...).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("create persons: %w", err)
	}
	return persons, nil
}

// pickProfile draws a role profile by weight from r.
func (b *builder) pickProfile(r *rand.Rand, profiles []roleProfile) roleProfile {
	total := 0
	for _, p := range profiles {
		total += p.weight
	}
	n := r.IntN(total)
	for _, p := range profiles {
		if n < p.weight {
			return p
		}
		n -= p.weight
	}
	return profiles[len(profiles)-1]
}

// draftPerson draws one person of the given profile from r, joining by 2025 (addLater moves
// the day of joining of those who join later).
func (b *builder) draftPerson(r *rand.Rand, p roleProfile) personDraft {
	d := personDraft{female: chance(r, 62), roles: p.roles, degree: person.SocialWorkDegreeNONE}
	student := p.roles[0] == enum.RoleStudent
	returned := len(p.roles) > 1 && p.roles[1] == enum.RoleReturnedGraduate
	birthYear := 1965 + r.IntN(36) // 1965–2000
	switch {
	case student:
		birthYear = 2001 + r.IntN(3)
	case returned:
		birthYear = 1993 + r.IntN(9)
	}
	d.birth = inYear(r, birthYear, b.Anchor)
	d.id = idNumber(r, d.birth, d.female, b.ids)
	d.name = personName(r, d.female)
	d.phone = phoneNumber(r)
	d.education = education(r, p)
	switch n := r.IntN(100); {
	case student:
		d.degree = person.SocialWorkDegreeIN_PROGRESS
	case n < 11:
		d.degree = person.SocialWorkDegreeCOMPLETED
		if d.education == person.EducationJUNIOR_HIGH_OR_BELOW || d.education == person.EducationHIGH_SCHOOL {
			d.education = person.EducationJUNIOR_COLLEGE
		}
	case n < 14:
		d.degree = person.SocialWorkDegreeIN_PROGRESS
	}
	switch {
	case p.village:
		v := pick(r, b.Villages)
		d.region = v
		if pt := b.pointOf[v.ID]; pt != nil && chance(r, 50) {
			d.point = pt
		}
	case p.agency:
		d.employer = pick(r, b.socialWork)
		if chance(r, 20) { // the hub employs more people
			d.employer = b.socialWork[0]
		}
		d.region = b.regionOf[d.employer.ID]
		if st := b.stationsOf[d.employer.ID]; len(st) > 0 && chance(r, 50) {
			d.point = pick(r, st)
		}
	default:
		d.region = pick(r, b.Townships)
	}
	first := max(2012, birthYear+19)
	d.joined = inYear(r, first+r.IntN(2025-first+1), b.Anchor)
	return d
}

// education draws the highest education for a profile from r.
func education(r *rand.Rand, p roleProfile) person.Education {
	switch p.roles[0] {
	case enum.RoleStudent:
		return person.EducationHIGH_SCHOOL
	case enum.RoleTeacher:
		if chance(r, 80) {
			return person.EducationBACHELOR
		}
		return person.EducationMASTER
	}
	switch n := r.IntN(100); {
	case n < 3:
		return person.EducationJUNIOR_HIGH_OR_BELOW
	case n < 23:
		return person.EducationHIGH_SCHOOL
	case n < 63:
		return person.EducationJUNIOR_COLLEGE
	case n < 97:
		return person.EducationBACHELOR
	default:
		return person.EducationMASTER
	}
}

// markLeavers gives leaverCount people who joined by 2020 a date of leaving in 2021–2025.
func (b *builder) markLeavers(drafts []personDraft) {
	n := 0
	for _, i := range b.Rand.Perm(len(drafts)) {
		d := &drafts[i]
		if n == leaverCount {
			return
		}
		if d.joined.Year > 2020 {
			continue
		}
		from := maxDate(d.joined.AddDate(0, 0, 30), civil.DateFor(2021, time.January, 1))
		d.left = datePtr(between(b.Rand, from, civil.DateFor(2025, time.November, 30)))
		n++
	}
}
