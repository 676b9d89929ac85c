package quality

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
	"swtalent/ent/person"
	"swtalent/ent/trainingrecord"
	"swtalent/internal/batch"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/modules/quality/rules"
)

// EducationStatus is a certificate's continuing education in its current registration cycle
// (GraphQL ContinuingEducationStatus).
type EducationStatus struct {
	Certificate *ent.Certificate
	rules.Status
}

// CycleStart is the first day of the cycle.
func (s *EducationStatus) CycleStart() civil.Date { return s.Cycle.Start }

// CycleEnd is the last day of the cycle.
func (s *EducationStatus) CycleEnd() civil.Date { return s.Cycle.End }

// CertificateEducation answers Certificate.continuingEducation. It rates the certificate as
// loaded with its holder's data (registrations included), the one computation that
// Person.continuingEducation and the compliance list use too: the certificate the resolver is
// given carries no registrations, and rating it alone would place its cycle as if it had never
// been registered.
func (m *Module) CertificateEducation(ctx context.Context, c *ent.Certificate, asOf *civil.Date) (*EducationStatus, error) {
	d, err := m.education(ctx, c.HolderID)
	if err != nil {
		return nil, err
	}
	if s := d.statusOf(c.ID, m.cfg.AsOf(asOf)); s != nil {
		return s, nil
	}
	// A certificate the request's loader did not see (created later in the same request).
	all, err := m.fetchEducation(ctx, []int{c.HolderID})
	if err != nil {
		return nil, err
	}
	if s := all[c.HolderID].statusOf(c.ID, m.cfg.AsOf(asOf)); s != nil {
		return s, nil
	}
	return nil, fmt.Errorf("continuing education of certificate %d: not found with its holder", c.ID)
}

// PersonEducation answers Person.continuingEducation: that of the person's highest current
// certificate; null without one.
func (m *Module) PersonEducation(ctx context.Context, p *ent.Person, asOf *civil.Date) (*EducationStatus, error) {
	d, err := m.education(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	return m.personEducationOf(d, m.cfg.AsOf(asOf))
}

// holderData is what continuing education needs of one person.
type holderData struct {
	degree  bool
	certs   []*ent.Certificate // with their registrations
	credits []rules.Credit
}

// statusOf rates the holder's certificate with this ID; nil when the holder has none such.
func (d *holderData) statusOf(id int, asOf civil.Date) *EducationStatus {
	for _, c := range d.certs {
		if c.ID == id {
			return d.status(c, asOf)
		}
	}
	return nil
}

// status rates one of the holder's loaded certificates (registrations loaded) on a day.
func (d *holderData) status(c *ent.Certificate, asOf civil.Date) *EducationStatus {
	s := rules.StatusAt(c.Level, c.PassedOn, registrations(c), d.credits, d.degree, nil, asOf)
	return &EducationStatus{Certificate: c, Status: s}
}

// education is the holder's data as the rules read it: the one input of
// [rules.Education.StatusOn], which decides the person's status, and of the kept compliance fact.
func (d *holderData) education() rules.Education {
	e := rules.Education{Credits: d.credits, Degree: d.degree}
	for _, c := range d.certs {
		e.Holdings = append(e.Holdings, rules.Holding{
			Cert:          rules.Cert{ID: c.ID, Level: c.Level, PassedOn: c.PassedOn, RevokedOn: c.RevokedOn},
			Registrations: registrations(c),
		})
	}
	return e
}

// registrations converts a loaded certificate's registrations for the rules.
func registrations(c *ent.Certificate) []certrules.Registration {
	var regs []certrules.Registration
	for _, r := range c.Edges.Registrations {
		x := certrules.Registration{Kind: string(r.Kind), Status: certrules.RegistrationStatus(r.Status)}
		if r.RegisteredOn != nil {
			x.RegisteredOn = *r.RegisteredOn
		}
		if r.ValidUntil != nil {
			x.ValidUntil = *r.ValidUntil
		}
		regs = append(regs, x)
	}
	return regs
}

// The continuing education of a request is batched (internal/batch): an interceptor notes the
// holders of the persons and certificates the request loads, and the first question loads the
// data of all of them in three queries.
type educationKey struct{}

// WithRequest gives a request its own loader (the modules.RequestScoped capability).
func (m *Module) WithRequest(ctx context.Context) context.Context {
	return context.WithValue(ctx, educationKey{}, batch.New(m.fetchEducation))
}

// noteHolders is the query interceptor recording the holders a request loads.
func noteHolders() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			l, ok := ctx.Value(educationKey{}).(*batch.Loader[*holderData])
			if !ok || err != nil {
				return v, err
			}
			switch rows := v.(type) {
			case []*ent.Person:
				for _, p := range rows {
					l.Note(p.ID)
				}
			case []*ent.Certificate:
				for _, c := range rows {
					l.Note(c.HolderID)
				}
			}
			return v, nil
		})
	})
}

// education returns the data of one holder, loading those of every holder the request has seen.
func (m *Module) education(ctx context.Context, holder int) (*holderData, error) {
	if l, ok := ctx.Value(educationKey{}).(*batch.Loader[*holderData]); ok {
		return l.Get(ctx, holder)
	}
	all, err := m.fetchEducation(ctx, []int{holder})
	return all[holder], err
}

// fetchEducation loads, for several people, their degree status, certificates with registrations
// and completed training hours, in three queries.
func (m *Module) fetchEducation(ctx context.Context, ids []int) (map[int]*holderData, error) {
	c := m.cfg.Ent(ctx)
	out := make(map[int]*holderData, len(ids))
	for _, id := range ids {
		out[id] = &holderData{}
	}
	people, err := c.Person.Query().Where(person.IDIn(ids...)).Select(person.FieldID, person.FieldSocialWorkDegree).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		out[p.ID].degree = p.SocialWorkDegree == person.SocialWorkDegreeCOMPLETED
	}
	certs, err := c.Certificate.Query().Where(certificate.HolderIDIn(ids...)).
		WithRegistrations(func(q *ent.CertificateRegistrationQuery) {
			q.Order(ent.Asc(certificateregistration.FieldID))
		}).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range certs {
		out[x.HolderID].certs = append(out[x.HolderID].certs, x)
	}
	records, err := c.TrainingRecord.Query().
		Where(trainingrecord.StatusEQ(trainingrecord.StatusCOMPLETED), trainingrecord.HasPersonWith(person.IDIn(ids...))).
		WithPerson(func(q *ent.PersonQuery) { q.Select(person.FieldID) }).
		WithTraining().All(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range records {
		if r.Edges.Person != nil && r.Edges.Training != nil {
			d := out[r.Edges.Person.ID]
			d.credits = append(d.credits, rules.Credit{On: r.Edges.Training.EndsOn, Hours: r.Hours})
		}
	}
	return out, nil
}
