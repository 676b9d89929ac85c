package enum

import "io"

// PersonRole is one of the roles a person holds in the community workforce; a person may hold several.
type PersonRole string

// Person roles.
const (
	RoleCommunityWorker        PersonRole = "COMMUNITY_WORKER"         // 社区工作者
	RoleGridWorker             PersonRole = "GRID_WORKER"              // 网格员
	RoleVillageCadre           PersonRole = "VILLAGE_CADRE"            // 村（社区）“两委”成员
	RoleReturnedGraduate       PersonRole = "RETURNED_GRADUATE"        // 回村任职大学生
	RoleAgencyStaff            PersonRole = "AGENCY_STAFF"             // 社会组织工作人员
	RoleCivilServant           PersonRole = "CIVIL_SERVANT"            // 公务员
	RolePublicInstitutionStaff PersonRole = "PUBLIC_INSTITUTION_STAFF" // 事业单位人员
	RoleTeacher                PersonRole = "TEACHER"                  // 教师
	RoleStudent                PersonRole = "STUDENT"                  // 学生
	RoleVolunteer              PersonRole = "VOLUNTEER"                // 志愿者
	RoleOther                  PersonRole = "OTHER"                    // 其他
)

// Values lists every role.
func (PersonRole) Values() []string {
	return []string{
		string(RoleCommunityWorker), string(RoleGridWorker), string(RoleVillageCadre),
		string(RoleReturnedGraduate), string(RoleAgencyStaff), string(RoleCivilServant),
		string(RolePublicInstitutionStaff), string(RoleTeacher), string(RoleStudent),
		string(RoleVolunteer), string(RoleOther),
	}
}

// MarshalGQL writes the role as a GraphQL enum value.
func (r PersonRole) MarshalGQL(w io.Writer) { marshal(w, r) }

// UnmarshalGQL reads a GraphQL enum value.
func (r *PersonRole) UnmarshalGQL(v any) error { return unmarshal(r, v, "PersonRole") }
