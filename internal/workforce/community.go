package workforce

import (
	"slices"

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

// CommunityStaffRoles are the roles of a community's own workers as the plan names them (社区工作者、
// 网格员、村（社区）“两委”成员): the staff of the five-party linkage criterion "工作人员持有社会工作
// 职业资格证书". Residents with other roles (teachers, agency staff, volunteers…) are not its staff.
var CommunityStaffRoles = []enum.PersonRole{enum.RoleCommunityWorker, enum.RoleGridWorker, enum.RoleVillageCadre}

// CommunityStaff holds for people holding one of [CommunityStaffRoles].
func CommunityStaff() predicate.Person {
	return func(s *sql.Selector) {
		ps := make([]*sql.Predicate, len(CommunityStaffRoles))
		for i, r := range CommunityStaffRoles {
			ps[i] = sqljson.ValueContains(s.C(person.FieldRoles), string(r))
		}
		s.Where(sql.Or(ps...))
	}
}

// IsCommunityStaff reports whether roles hold one of [CommunityStaffRoles], as [CommunityStaff]
// does in SQL.
func IsCommunityStaff(roles []enum.PersonRole) bool {
	for _, r := range roles {
		if slices.Contains(CommunityStaffRoles, r) {
			return true
		}
	}
	return false
}

// CertifiedCommunityWorkerAt holds for community workers certified at d: those due the monthly
// professional allowance (职业津贴) for the month ending on d.
func CertifiedCommunityWorkerAt(d civil.Date) predicate.Person {
	return person.And(CommunityWorker(), CertifiedAt(d))
}

// CertifiedCommunityStaffAt holds for a community's own staff ([CommunityStaff]: community workers,
// grid workers, committee members) certified at d: the staff the five-party linkage criterion
// "工作人员持有社会工作职业资格证书" counts in each community.
func CertifiedCommunityStaffAt(d civil.Date) predicate.Person {
	return person.And(CertifiedAt(d), CommunityStaff())
}

// SkilledCommunityWorkerAt holds for community workers with social-work skills at d ([SkilledAt]):
// the people network's community_worker_skill_coverage looks for in each village.
func SkilledCommunityWorkerAt(d civil.Date) predicate.Person {
	return person.And(SkilledAt(d), CommunityWorker())
}
