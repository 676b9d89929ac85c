package doubling

import (
	"context"
	"time"

	"github.com/vikstrous/dataloadgen"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
)

// loaders batch the module's computed fields within one request: a page of certificates asking
// for registrationState costs one query for all their registrations, not one each.
type loaders struct {
	registrations *dataloadgen.Loader[int, []*ent.CertificateRegistration]
}

type loadersKey struct{}

// WithRequest gives a request its own batch loaders (the modules.RequestScoped capability).
func (m *Module) WithRequest(ctx context.Context) context.Context {
	l := &loaders{registrations: dataloadgen.NewMappedLoader(m.fetchRegistrations, dataloadgen.WithWait(time.Millisecond))}
	return context.WithValue(ctx, loadersKey{}, l)
}

// registrations returns a certificate's registrations, batched when the request has loaders.
func (m *Module) registrations(ctx context.Context, certID int) ([]*ent.CertificateRegistration, error) {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l.registrations.Load(ctx, certID)
	}
	all, err := m.fetchRegistrations(ctx, []int{certID})
	return all[certID], err
}

// fetchRegistrations loads the registrations of several certificates in one query.
func (m *Module) fetchRegistrations(ctx context.Context, ids []int) (map[int][]*ent.CertificateRegistration, error) {
	rows, err := m.cfg.Ent(ctx).CertificateRegistration.Query().
		Where(certificateregistration.HasCertificateWith(certificate.IDIn(ids...))).
		WithCertificate(func(q *ent.CertificateQuery) { q.Select(certificate.FieldID) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int][]*ent.CertificateRegistration, len(ids))
	for _, id := range ids {
		out[id] = nil
	}
	for _, r := range rows {
		if c := r.Edges.Certificate; c != nil {
			out[c.ID] = append(out[c.ID], r)
		}
	}
	return out, nil
}
