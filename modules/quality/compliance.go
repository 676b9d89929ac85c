package quality

import (
	"context"
	"sort"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/person"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/workforce"
	"swtalent/modules"
)

// complianceRateOf is the share of certified social workers at d (in the region) whose highest
// current certificate meets its cycle's continuing-education hours. It loads the workforce's
// data complianceChunk people at a time, three queries each, and rates each person in Go (so
// memory stays bounded and IN lists under the databases' limits): hours per cycle depend on each
// certificate's registrations, which one SQL aggregate cannot express here. At national scale it
// is kept on write instead (CE_COMPLIANT, kept.go): this is the reference.
func (m *Module) complianceRateOf(ctx context.Context, d civil.Date, regionCode string) (*float64, error) {
	compliant, total, err := m.complianceCounts(ctx, d, regionCode)
	if err != nil || total == 0 {
		return nil, err
	}
	return modules.Float(float64(compliant) / float64(total)), nil
}

// complianceCounts counts, at d in the region, the certified social workers (total) and those
// of them whose highest current certificate meets its cycle's hours (compliant).
func (m *Module) complianceCounts(ctx context.Context, d civil.Date, regionCode string) (compliant, total int, err error) {
	actx := modules.Aggregate(ctx)
	after := 0
	for {
		ids, err := m.cfg.Ent(ctx).Person.Query().Where(workforce.CertifiedAt(d), workforce.WorksIn(regionCode), person.IDGT(after)).
			Order(person.ByID()).Limit(complianceChunk).IDs(actx)
		if err != nil {
			return 0, 0, err
		}
		if len(ids) == 0 {
			break
		}
		data, err := m.fetchEducation(actx, ids)
		if err != nil {
			return 0, 0, err
		}
		for _, id := range ids {
			s, err := m.personEducationOf(data[id], d)
			if err == nil && s != nil && s.Compliant {
				compliant++
			}
		}
		total, after = total+len(ids), ids[len(ids)-1]
	}
	return compliant, total, nil
}

// complianceChunk is how many people the compliance rate rates at once: their records are loaded
// with IN lists, which SQLite caps at 32,766 values. A variable only so that a test can cross
// chunk boundaries on a small world.
var complianceChunk = 5000

// personEducationOf rates a holder's highest current certificate from loaded data
// ([rules.Education.StatusOn]); nil without one.
func (m *Module) personEducationOf(d *holderData, asOf civil.Date) (*EducationStatus, error) {
	i, s, ok := d.education().StatusOn(asOf)
	if !ok {
		return nil, nil
	}
	return &EducationStatus{Certificate: d.certs[i], Status: s}, nil
}

// ContinuingEducationCompliance lists the certificates whose current cycle ends before a date
// and which do not have the hours it requires, soonest deadline first: the clerk's list of whom
// to remind. Records: the viewer's scope applies.
func (q *Query) ContinuingEducationCompliance(ctx context.Context, cycleEndingBefore civil.Date, regionCode *string, first *int) ([]*EducationStatus, error) {
	n := 20
	if first != nil {
		n = *first
	}
	if n < 0 || n > 100 {
		return nil, apperr.Invalid("first", "每页最多100条", "first may be at most 100")
	}
	r, err := q.m.cfg.Region(ctx, regionCode)
	if err != nil {
		return nil, err
	}
	today := q.m.cfg.Today()
	certs, err := q.m.cfg.Ent(ctx).Certificate.Query().Where(
		workforce.CertificateValidAt(today),
		certificate.HasHolderWith(workforce.InWorkforceAt(today), workforce.WorksIn(q.m.cfg.ScopeCode(r))),
		certificate.RegistrationDueOnLT(cycleEndingBefore),
	).Order(ent.Asc(certificate.FieldRegistrationDueOn), ent.Asc(certificate.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	holders := make([]int, 0, len(certs))
	for _, c := range certs {
		holders = append(holders, c.HolderID)
	}
	data, err := q.m.fetchEducation(ctx, holders)
	if err != nil {
		return nil, err
	}
	var out []*EducationStatus
	for _, c := range certs {
		if s := data[c.HolderID].statusOf(c.ID, today); s != nil && !s.Compliant {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Cycle.End.Before(out[j].Cycle.End) })
	return out[:min(n, len(out))], nil
}
