package enum

import "io"

// Fact names a kept person fact (package internal/facts): each value is one rule that turns a
// person's registers into the intervals of days on which the fact holds, kept as fact spans.
type Fact string

// Kept person facts.
const (
	FactCertified          Fact = "CERTIFIED"           // 持证社工: workforce.CertifiedAt
	FactRegistered         Fact = "REGISTERED"          // 持证且登记有效: a valid certificate with a counting registration
	FactSkilled            Fact = "SKILLED"             // 具备社会工作专业服务技能: workforce.SkilledAt
	FactCertifiedCommunity Fact = "CERTIFIED_COMMUNITY" // 持证社区工作者: workforce.CertifiedCommunityWorkerAt
	// 具备社会工作专业服务技能的社区工作者: workforce.SkilledCommunityWorkerAt (network's
	// community_worker_skill_coverage counts the villages where it holds for someone).
	FactSkilledCommunity Fact = "SKILLED_COMMUNITY"
	// 继续教育达标: certified and the highest current certificate meets its cycle's hours
	// (quality rules.ComplianceFact).
	FactCECompliant Fact = "CE_COMPLIANT"
	// 近12个月培训学时: hours of completed training ended in the 12 months, while certified;
	// weight = hours (quality rules.TrainingHoursFact).
	FactTrainingHours Fact = "TRAINING_HOURS"
	// 近12个月参加领导干部培训: a completed leaders' training ended in the 12 months
	// (quality rules.LeaderTrainedFact).
	FactLeaderTrained Fact = "LEADER_TRAINED"
	// 具有专业督导资质: in the workforce and holding a supervisor qualification granted on or
	// before the day and not revoked by it (quality rules.QualifiedSupervisorFact).
	FactQualifiedSupervisor Fact = "QUALIFIED_SUPERVISOR"
	// 持证的社区工作人员: one of the community's own staff (a community worker, grid worker or
	// committee member) certified on the day, workforce.CertifiedCommunityStaffAt (linkage's
	// certified_staff criterion counts it per community).
	FactCertifiedCommunityStaff Fact = "CERTIFIED_COMMUNITY_STAFF"
	// 本年度参加职业水平考试: one span per exam application whose applicant sat
	// (certrules.Outcome.Sat), over the exam's calendar year, labelled with the level applied for
	// (certrules.ExamSatFact); doubling's exam_pass_rate counts it.
	FactExamSat Fact = "EXAM_SAT"
	// 本年度通过职业水平考试: the same for the applications that PASSED (certrules.ExamPassedFact).
	FactExamPassed Fact = "EXAM_PASSED"
)

// Kept region facts (package internal/facts, regions.go): kept as region spans, one per region
// and stretch of days, so that a count of regions covered is a sum like a count of persons.
const (
	// A village or community where a community worker with social-work skills works: the union
	// of the SKILLED_COMMUNITY spans filed under the village's own code (network's
	// community_worker_skill_coverage).
	FactVillageSkilled Fact = "VILLAGE_SKILLED"
	// A village or community with an open village service point (network's
	// village_point_coverage).
	FactVillagePointOpen Fact = "VILLAGE_POINT_OPEN"
	// A township or subdistrict with an open social-work station (network's
	// township_station_coverage).
	FactTownshipStationOpen Fact = "TOWNSHIP_STATION_OPEN"
	// A village or community (REGION_VILLAGE), a township or subdistrict (REGION_TOWNSHIP): one
	// span from the first day on, so that the number of villages or townships of a subtree, the
	// coverages' denominators, is counted through the deltas too.
	FactRegionVillage  Fact = "REGION_VILLAGE"
	FactRegionTownship Fact = "REGION_TOWNSHIP"
	// Volunteers registered in a village or community and not left (linkage's
	// volunteer_registration_rate and the demonstration communities' volunteer criterion): a
	// counted region fact, the volunteers' intervals [registered_on, left_on) filed under their
	// community's code, identical intervals one span weighted by their number.
	FactVolunteerActive Fact = "VOLUNTEER_ACTIVE"
	// A five-party linkage demonstration community active on the day: designated by the day's
	// year and not withdrawn by the day (linkage's demonstration_communities and the criteria
	// rate's denominator), one span under the community's code (linkage/rules.ActiveDays).
	FactDemonstrationActive Fact = "DEMONSTRATION_ACTIVE"
	// An active demonstration community meeting all five criteria on the day
	// (linkage/rules.MetDays; the criteria rate's numerator).
	FactDemonstrationMet Fact = "DEMONSTRATION_MET"
)

// Values lists every kept fact.
func (Fact) Values() []string {
	return []string{string(FactCertified), string(FactRegistered), string(FactSkilled), string(FactCertifiedCommunity),
		string(FactSkilledCommunity), string(FactCECompliant), string(FactTrainingHours), string(FactLeaderTrained),
		string(FactQualifiedSupervisor), string(FactCertifiedCommunityStaff), string(FactExamSat), string(FactExamPassed), string(FactVillageSkilled), string(FactVillagePointOpen),
		string(FactTownshipStationOpen), string(FactRegionVillage), string(FactRegionTownship),
		string(FactVolunteerActive), string(FactDemonstrationActive), string(FactDemonstrationMet)}
}

// MarshalGQL writes the fact as a GraphQL enum value.
func (f Fact) MarshalGQL(w io.Writer) { marshal(w, f) }

// UnmarshalGQL reads a GraphQL enum value.
func (f *Fact) UnmarshalGQL(v any) error { return unmarshal(f, v, "Fact") }
