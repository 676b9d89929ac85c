package enum

import "io"

// ServiceField is a field of social service (社会服务领域); agencies, departments and projects carry
// several.
type ServiceField string

// Service fields.
const (
	FieldSocialWelfare            ServiceField = "SOCIAL_WELFARE"            // 社会福利
	FieldSocialAssistance         ServiceField = "SOCIAL_ASSISTANCE"         // 社会救助
	FieldCommunityDevelopment     ServiceField = "COMMUNITY_DEVELOPMENT"     // 社区建设
	FieldUrbanRuralCommunity      ServiceField = "URBAN_RURAL_COMMUNITY"     // 城乡社区
	FieldEducationalGuidance      ServiceField = "EDUCATIONAL_GUIDANCE"      // 教育辅导
	FieldSchool                   ServiceField = "SCHOOL"                    // 学校社会工作
	FieldCommunityCorrection      ServiceField = "COMMUNITY_CORRECTION"      // 社区矫正
	FieldVeteranAffairs           ServiceField = "VETERAN_AFFAIRS"           // 优抚安置
	FieldEmploymentAssistance     ServiceField = "EMPLOYMENT_ASSISTANCE"     // 就业援助
	FieldMedical                  ServiceField = "MEDICAL"                   // 医务 / 医患关系
	FieldMentalHealth             ServiceField = "MENTAL_HEALTH"             // 精神卫生
	FieldDrugRehabilitation       ServiceField = "DRUG_REHABILITATION"       // 禁毒戒毒
	FieldEmployeeAssistance       ServiceField = "EMPLOYEE_ASSISTANCE"       // 职工帮扶
	FieldChildYouth               ServiceField = "CHILD_YOUTH"               // 儿童青少年 / 青少年事务
	FieldMarriageFamily           ServiceField = "MARRIAGE_FAMILY"           // 婚姻家庭
	FieldDisabilityRehabilitation ServiceField = "DISABILITY_REHABILITATION" // 残障康复
	FieldElderlyServices          ServiceField = "ELDERLY_SERVICES"          // 为老服务
	FieldCharity                  ServiceField = "CHARITY"                   // 慈善
	FieldDisasterRelief           ServiceField = "DISASTER_RELIEF"           // 减灾救灾
)

// Values lists every service field.
func (ServiceField) Values() []string {
	return []string{
		string(FieldSocialWelfare), string(FieldSocialAssistance), string(FieldCommunityDevelopment),
		string(FieldUrbanRuralCommunity), string(FieldEducationalGuidance), string(FieldSchool),
		string(FieldCommunityCorrection), string(FieldVeteranAffairs), string(FieldEmploymentAssistance),
		string(FieldMedical), string(FieldMentalHealth), string(FieldDrugRehabilitation),
		string(FieldEmployeeAssistance), string(FieldChildYouth), string(FieldMarriageFamily),
		string(FieldDisabilityRehabilitation), string(FieldElderlyServices), string(FieldCharity),
		string(FieldDisasterRelief),
	}
}

// MarshalGQL writes the field as a GraphQL enum value.
func (f ServiceField) MarshalGQL(w io.Writer) { marshal(w, f) }

// UnmarshalGQL reads a GraphQL enum value.
func (f *ServiceField) UnmarshalGQL(v any) error { return unmarshal(f, v, "ServiceField") }
