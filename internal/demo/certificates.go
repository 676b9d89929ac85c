package demo

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"swtalent/ent"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
)

// yearTarget is a number of certified social workers the demo reaches at the end of a year.
type yearTarget struct{ year, certified int }

// certifiedTargets are the demo's certified social workers at each year end: slow growth to
// about 40 in 2022, then the plan's doubling (more than 80 in 2023, at least twice 2022) and
// more than 150 by 2025.
func certifiedTargets() []yearTarget {
	return []yearTarget{
		{2018, 9}, {2019, 16}, {2020, 24}, {2021, 32},
		{2022, 41}, {2023, 89}, {2024, 121}, {2025, 155},
	}
}

// Numbers of special certificates.
const (
	leaverCertificates = 6  // leavers certified before they left
	secondCertificates = 15 // INTERMEDIATE after an earlier ASSISTANT
	seniorCertificates = 3  // SENIOR after an earlier INTERMEDIATE
)

// certDraft is a certificate before creation.
type certDraft struct {
	holder  int // index into b.Persons
	level   enum.CertificateLevel
	passed  civil.Date
	revoked *civil.Date
}

// addCertificates plans and creates the certificates. Certificates of leavers and revoked
// certificates are planned first; then, year by year, new first certificates are given to
// people still in the workforce until the count of certified social workers at the year end
// reaches its target (so leaving and revocation are made up for). Finally some holders get a
// second, higher certificate, which does not change who is certified.
func (b *builder) addCertificates(ctx context.Context) error {
	has := make([]bool, len(b.Persons)) // the person holds a certificate already
	drafts := b.leaverCertificates(has)
	drafts = append(drafts, b.revokedCertificates(has)...)
	for _, t := range certifiedTargets() {
		more, err := b.fillYear(t, drafts, has)
		if err != nil {
			return err
		}
		drafts = append(drafts, more...)
	}
	drafts = append(drafts, b.higherCertificates(drafts)...)
	slices.SortStableFunc(drafts, func(x, y certDraft) int {
		if c := x.passed.Compare(y.passed); c != 0 {
			return c
		}
		return cmp.Compare(x.holder, y.holder)
	})
	creates := make([]*ent.CertificateCreate, len(drafts))
	for i, d := range drafts {
		creates[i] = b.Client.Certificate.Create().
			SetDemo(true).
			SetNumber(fmt.Sprintf("%04d36%d1126%07d", d.passed.Year, d.level.Rank(), i+1)).
			SetLevel(d.level).
			SetPassedOn(d.passed).
			SetNillableRevokedOn(d.revoked).
			SetHolderID(b.Persons[d.holder].ID)
	}
	certs, err := b.Client.Certificate.CreateBulk(creates...).Save(ctx)
	if err != nil {
		return fmt.Errorf("create certificates: %w", err)
	}
	b.Certificates = certs
	return nil
}

// leaverCertificates gives some leavers an ASSISTANT certificate passed (2018 or later) before
// the year they left.
func (b *builder) leaverCertificates(has []bool) []certDraft {
	var out []certDraft
	for _, i := range b.Rand.Perm(len(b.Persons)) {
		p := b.Persons[i]
		if len(out) == leaverCertificates {
			break
		}
		if p.LeftOn == nil || p.JoinedOn == nil {
			continue
		}
		from, to := max(2018, p.JoinedOn.Year), p.LeftOn.Year-1
		if from > to {
			continue
		}
		year := from + b.Rand.IntN(to-from+1)
		out = append(out, certDraft{holder: i, level: enum.LevelAssistant, passed: resultsSeason(b.Rand, year, b.Anchor)})
		has[i] = true
	}
	return out
}

// revokedCertificates gives three people in the workforce an ASSISTANT certificate that is
// revoked a few years later.
func (b *builder) revokedCertificates(has []bool) []certDraft {
	var out []certDraft
	for _, r := range []struct{ passed, revoked int }{{2019, 2022}, {2020, 2023}, {2021, 2024}} {
		for _, i := range b.Rand.Perm(len(b.Persons)) {
			p := b.Persons[i]
			if has[i] || p.LeftOn != nil || p.JoinedOn == nil || p.JoinedOn.Year > r.passed {
				continue
			}
			out = append(out, certDraft{
				holder:  i,
				level:   enum.LevelAssistant,
				passed:  resultsSeason(b.Rand, r.passed, b.Anchor),
				revoked: datePtr(inYear(b.Rand, r.revoked, b.Anchor)),
			})
			has[i] = true
			break
		}
	}
	return out
}

// fillYear returns new first certificates passed in t.year, for people in the workforce who had
// joined by then, so that the certified count at the year end reaches t.certified.
func (b *builder) fillYear(t yearTarget, drafts []certDraft, has []bool) ([]certDraft, error) {
	need := t.certified - b.certifiedIn(drafts, civil.EndOfYear(t.year))
	if need < 0 {
		return nil, fmt.Errorf("already %d certified at the end of %d, more than the target %d", t.certified-need, t.year, t.certified)
	}
	var candidates []int
	for i, p := range b.Persons {
		if !has[i] && p.LeftOn == nil && p.JoinedOn != nil && p.JoinedOn.Year <= t.year {
			candidates = append(candidates, i)
		}
	}
	if len(candidates) < need {
		return nil, fmt.Errorf("%d people to certify in %d, %d needed", len(candidates), t.year, need)
	}
	intermediate := 12
	if t.year <= 2020 {
		intermediate = 30
	}
	out := make([]certDraft, 0, need)
	for _, k := range b.Rand.Perm(len(candidates))[:need] {
		i := candidates[k]
		level := enum.LevelAssistant
		if chance(b.Rand, intermediate) {
			level = enum.LevelIntermediate
		}
		out = append(out, certDraft{holder: i, level: level, passed: resultsSeason(b.Rand, t.year, b.Anchor)})
		has[i] = true
	}
	return out, nil
}

// certifiedIn counts the distinct people certified at d under the drafts.
func (b *builder) certifiedIn(drafts []certDraft, d civil.Date) int {
	seen := make(map[int]bool)
	for _, c := range drafts {
		p := b.Persons[c.holder]
		if c.passed.After(d) || (c.revoked != nil && !c.revoked.After(d)) || (p.LeftOn != nil && !p.LeftOn.After(d)) {
			continue
		}
		seen[c.holder] = true
	}
	return len(seen)
}

// higherCertificates gives some ASSISTANT holders (passed by 2023) an INTERMEDIATE certificate in
// a later year, and some early INTERMEDIATE holders (passed by 2020) a SENIOR one in 2023–2025.
// Only people in the workforce whose certificate is not revoked qualify.
func (b *builder) higherCertificates(drafts []certDraft) []certDraft {
	var out []certDraft
	seniors := 0
	for _, k := range b.Rand.Perm(len(drafts)) {
		d := drafts[k]
		if d.revoked != nil || b.Persons[d.holder].LeftOn != nil {
			continue
		}
		switch {
		case d.level == enum.LevelAssistant && d.passed.Year <= 2023 && len(out)-seniors < secondCertificates:
			year := d.passed.Year + 1 + b.Rand.IntN(2025-d.passed.Year)
			out = append(out, certDraft{holder: d.holder, level: enum.LevelIntermediate, passed: resultsSeason(b.Rand, year, b.Anchor)})
		case d.level == enum.LevelIntermediate && d.passed.Year <= 2020 && seniors < seniorCertificates:
			out = append(out, certDraft{holder: d.holder, level: enum.LevelSenior, passed: resultsSeason(b.Rand, 2023+seniors, b.Anchor)})
			seniors++
		}
	}
	return out
}
