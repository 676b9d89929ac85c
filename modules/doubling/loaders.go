package doubling

import (
	"context"
	"sync"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
)

// loaders batch the module's computed fields within one request: a page of certificates asking
// for registrationState costs one query for all their registrations, not one each. Batching is
// by what the request has loaded, not by timing: an interceptor notes every certificate a query
// of the request returns, and the first registrationState loads the registrations of all of them.
type loaders struct {
	fetch sync.Mutex // one fetch at a time; held while querying, so not the lock below
	mu    sync.Mutex // guards seen and cache; the interceptor takes it during fetches too
	seen  map[int]bool
	cache map[int][]*ent.CertificateRegistration
}

type loadersKey struct{}

// WithRequest gives a request its own loaders (the modules.RequestScoped capability).
func (m *Module) WithRequest(ctx context.Context) context.Context {
	return context.WithValue(ctx, loadersKey{}, &loaders{seen: map[int]bool{}, cache: map[int][]*ent.CertificateRegistration{}})
}

// noteCertificates is the query interceptor that records the certificates a request loads.
func noteCertificates() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			if l, ok := ctx.Value(loadersKey{}).(*loaders); ok && err == nil {
				if certs, ok := v.([]*ent.Certificate); ok {
					l.mu.Lock()
					for _, c := range certs {
						l.seen[c.ID] = true
					}
					l.mu.Unlock()
				}
			}
			return v, err
		})
	})
}

// registrations returns a certificate's registrations; within a request, the first call loads
// those of every certificate the request has loaded so far.
func (m *Module) registrations(ctx context.Context, certID int) ([]*ent.CertificateRegistration, error) {
	l, ok := ctx.Value(loadersKey{}).(*loaders)
	if !ok {
		all, err := m.fetchRegistrations(ctx, []int{certID})
		return all[certID], err
	}
	l.fetch.Lock()
	defer l.fetch.Unlock()
	l.mu.Lock()
	regs, ok := l.cache[certID]
	ids := []int{certID}
	for id := range l.seen {
		if _, done := l.cache[id]; !done && id != certID {
			ids = append(ids, id)
		}
	}
	l.mu.Unlock()
	if ok {
		return regs, nil
	}
	all, err := m.fetchRegistrations(ctx, ids)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for id, regs := range all {
		l.cache[id] = regs
	}
	return l.cache[certID], nil
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
