// Package viewer says who is making a request: an account with a role and, for scoped roles,
// the agency, region subtree or university it is limited to. The HTTP layer puts the viewer in
// the request context once the bearer token checks out; privacy policies and resolvers read it
// from there. No viewer in the context means the anonymous public.
package viewer

import "context"

// Role is what an account may do.
type Role string

// Roles, from most to least powerful. Public is the anonymous caller.
const (
	Admin      Role = "ADMIN"      // everything, including accounts, audit and revealing identities
	Staff      Role = "STAFF"      // reads everything, writes the registers
	Agency     Role = "AGENCY"     // one agency's people, projects and points
	Township   Role = "TOWNSHIP"   // records in one region subtree
	University Role = "UNIVERSITY" // one university's records
	Public     Role = "PUBLIC"     // anonymous: public directories and statistics only
)

// Viewer is the caller of a request.
type Viewer struct {
	AccountID    int
	Username     string
	Role         Role
	AgencyID     int    // for Agency
	RegionCode   string // for Township: the 12-digit code of the subtree's root
	UniversityID int    // for University
	TokenID      int    // the token the request signed in with (logout revokes it)
}

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer of ctx, or the anonymous public viewer when there is none.
func FromContext(ctx context.Context) *Viewer {
	if v, ok := ctx.Value(ctxKey{}).(*Viewer); ok && v != nil {
		return v
	}
	return &Viewer{Role: Public}
}

// SignedIn reports whether the viewer is an account rather than the anonymous public.
func (v *Viewer) SignedIn() bool { return v.Role != Public && v.Role != "" }
