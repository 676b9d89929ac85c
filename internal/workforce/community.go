package workforce

import (
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"swtalent/ent/person"
	"swtalent/ent/predicate"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
)

// CommunityWorker holds for people holding the COMMUNITY_WORKER role (社区工作者). Roles are current
// state only, so the role is not dated.
func CommunityWorker() predicate.Person {
	return func(s *sql.Selector) {
		s.Where(sqljson.ValueContains(s.C(person.FieldRoles), string(enum.RoleCommunityWorker)))
	}
}

// CertifiedCommunityWorkerAt holds for community workers certified at d: those due the monthly
// professional allowance (职业津贴) for the month ending on d.
func CertifiedCommunityWorkerAt(d civil.Date) predicate.Person {
	return person.And(CommunityWorker(), CertifiedAt(d))
}
