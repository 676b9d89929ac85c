package doubling

import (
	"context"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
	"swtalent/internal/batch"
)

// loaders batch the module's computed fields within one request: a page of certificates asking
// for registrationState costs one query for all their registrations, not one each (internal/batch:
// an interceptor notes every certificate a query of the request returns, and the first
// registrationState loads the registrations of all of them).
type loadersKey struct{}

// WithRequest gives a request its own loader (the modules.RequestScoped capability).
func (m *Module) WithRequest(ctx context.Context) context.Context {
	return context.WithValue(ctx, loadersKey{}, batch.New(m.fetchRegistrations))
}

// noteCertificates is the query interceptor that records the certificates a request loads.
func noteCertificates() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			l, ok := ctx.Value(loadersKey{}).(*batch.Loader[[]*ent.CertificateRegistration])
			if certs, isCerts := v.([]*ent.Certificate); ok && isCerts && err == nil {
				for _, c := range certs {
					l.Note(c.ID)
				}
			}
			return v, err
		})
	})
}

// registrations returns a certificate's registrations; within a request, the first call loads
// those of every certificate the request has loaded so far.
func (m *Module) registrations(ctx context.Context, certID int) ([]*ent.CertificateRegistration, error) {
	if l, ok := ctx.Value(loadersKey{}).(*batch.Loader[[]*ent.CertificateRegistration]); ok {
		return l.Get(ctx, certID)
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
