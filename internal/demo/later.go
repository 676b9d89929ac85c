package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"swtalent/ent"
	"swtalent/ent/person"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
)

// Ordinary activity of a year after the plan's period.
const (
	laterJoiners      = 15 // people joining the workforce
	laterCertificates = 20 // first certificates passed
	laterUpgrades     = 3  // INTERMEDIATE certificates after an ASSISTANT one
)

// ExamResultsDay is the day the results of a year's exam after the plan's period are published:
// its certificates are passed that day, and before it the year's applications await results.
func ExamResultsDay(year int) civil.Date { return civil.DateFor(year, time.October, 25) }

// addLater adds the core world's ordinary activity after the anchor up to End, drawn from
// Later: people joining each year, the certificates of each exam whose results are out, and
// the registrations and renewals that fall due.
func (b *builder) addLater(ctx context.Context) error {
	end := b.End()
	if !end.After(b.Anchor) {
		return nil
	}
	joined, err := b.addJoiners(ctx, end)
	if err != nil {
		return err
	}
	b.Persons = append(b.Persons, joined...)
	certs, err := b.addLaterCertificates(ctx, end)
	if err != nil {
		return err
	}
	var creates []*ent.CertificateRegistrationCreate
	for _, k := range b.carried {
		var regs []*ent.CertificateRegistrationCreate
		switch {
		case k.first.IsZero():
			regs, _ = b.renewals(b.Later, k.cert, k.valid, end)
		case !k.first.After(end):
			regs, _ = b.registeredFrom(b.Later, k.cert, k.first, end)
		}
		creates = append(creates, regs...)
	}
	for _, c := range certs {
		regs, _ := b.registrationsOf(b.Later, c, end)
		creates = append(creates, regs...)
	}
	regs, err := b.Client.CertificateRegistration.CreateBulk(creates...).Save(ctx)
	if err != nil {
		return fmt.Errorf("create registrations after the plan: %w", err)
	}
	b.Certificates = append(b.Certificates, certs...)
	b.Registrations = append(b.Registrations, regs...)
	return nil
}

// addJoiners creates the people joining the workforce in each year after the anchor, spread
// over the year's months up to end, none with a completed social-work degree.
func (b *builder) addJoiners(ctx context.Context, end civil.Date) ([]*ent.Person, error) {
	r := b.Later
	profiles := roleProfiles()
	var drafts []personDraft
	for _, y := range b.LaterYears() {
		last := minDate(civil.EndOfYear(y), end)
		for range laterJoiners * int(last.Month) / 12 {
			d := b.draftPerson(r, b.pickProfile(r, profiles))
			d.joined = between(r, civil.DateFor(y, time.January, 1), last)
			if d.degree == person.SocialWorkDegreeCOMPLETED {
				// Still studying: the registers' skill counts do not read the day of joining
				// (workforce.SkilledAt), so a completed degree would count before it.
				d.degree = person.SocialWorkDegreeIN_PROGRESS
			}
			drafts = append(drafts, d)
		}
	}
	if len(drafts) == 0 {
		return nil, nil
	}
	return b.createPersons(ctx, drafts)
}

// addLaterCertificates creates the certificates of each exam after the anchor whose results are
// out by end: first certificates for people in the workforce who hold none, and INTERMEDIATE
// ones for some who passed ASSISTANT at least two years before.
func (b *builder) addLaterCertificates(ctx context.Context, end civil.Date) ([]*ent.Certificate, error) {
	r := b.Later
	index := make(map[int]int, len(b.Persons)) // person ID → index into b.Persons
	for i, p := range b.Persons {
		index[p.ID] = i
	}
	has := make([]bool, len(b.Persons))
	higher := make([]bool, len(b.Persons)) // holds INTERMEDIATE or SENIOR
	var assistants []certDraft
	for _, c := range b.Certificates {
		i := index[c.HolderID]
		has[i] = true
		if c.Level != enum.LevelAssistant {
			higher[i] = true
		} else if c.RevokedOn == nil {
			assistants = append(assistants, certDraft{holder: i, level: c.Level, passed: c.PassedOn})
		}
	}
	inWorkforce := func(p *ent.Person, d civil.Date) bool {
		return p.JoinedOn != nil && p.JoinedOn.Before(d) && (p.LeftOn == nil || p.LeftOn.After(d))
	}
	var drafts []certDraft
	for _, y := range b.LaterYears() {
		day := ExamResultsDay(y)
		if day.After(end) {
			break
		}
		var candidates []int
		for i, p := range b.Persons {
			if !has[i] && inWorkforce(p, day) {
				candidates = append(candidates, i)
			}
		}
		var passed []certDraft
		for _, k := range r.Perm(len(candidates))[:min(laterCertificates, len(candidates))] {
			i := candidates[k]
			level := enum.LevelAssistant
			if chance(r, 12) {
				level = enum.LevelIntermediate
				higher[i] = true
			}
			passed = append(passed, certDraft{holder: i, level: level, passed: day})
			has[i] = true
		}
		upgrades := 0
		for _, k := range r.Perm(len(assistants)) {
			a := assistants[k]
			if upgrades == laterUpgrades {
				break
			}
			if higher[a.holder] || a.passed.Year > y-2 || !inWorkforce(b.Persons[a.holder], day) {
				continue
			}
			passed = append(passed, certDraft{holder: a.holder, level: enum.LevelIntermediate, passed: day})
			higher[a.holder] = true
			upgrades++
		}
		for _, d := range passed {
			if d.level == enum.LevelAssistant {
				assistants = append(assistants, d)
			}
		}
		drafts = append(drafts, passed...)
	}
	slices.SortStableFunc(drafts, func(x, y certDraft) int { return x.passed.Compare(y.passed) })
	creates := make([]*ent.CertificateCreate, len(drafts))
	for i, d := range drafts {
		creates[i] = b.Client.Certificate.Create().
			SetDemo(true).
			SetNumber(fmt.Sprintf("%04d36%d1126%07d", d.passed.Year, d.level.Rank(), len(b.Certificates)+i+1)).
			SetLevel(d.level).
			SetPassedOn(d.passed).
			SetHolderID(b.Persons[d.holder].ID)
	}
	certs, err := b.Client.Certificate.CreateBulk(creates...).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("create certificates after the plan: %w", err)
	}
	return certs, nil
}
