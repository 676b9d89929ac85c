package transfer

// The value sets of enumerated columns: API codes with the Chinese labels clerks write.
var (
	// Educations are the highest education levels of a person.
	Educations = Options{
		{"JUNIOR_HIGH_OR_BELOW", "初中及以下", []string{"初中", "小学"}},
		{"HIGH_SCHOOL", "高中/中专", []string{"高中", "中专", "职高"}},
		{"JUNIOR_COLLEGE", "大专", []string{"专科"}},
		{"BACHELOR", "本科", []string{"大学本科"}},
		{"MASTER", "硕士", []string{"硕士研究生", "研究生"}},
		{"DOCTORATE", "博士", []string{"博士研究生"}},
	}
	// Degrees are the states of a social-work degree.
	Degrees = Options{
		{"NONE", "无", []string{"否"}},
		{"IN_PROGRESS", "在读", nil},
		{"COMPLETED", "已取得", []string{"是", "已毕业"}},
	}
	// Roles are the roles a person holds.
	Roles = Options{
		{"COMMUNITY_WORKER", "社区工作者", nil},
		{"GRID_WORKER", "网格员", nil},
		{"VILLAGE_CADRE", "两委成员", []string{"村（社区）两委成员", "两委"}},
		{"RETURNED_GRADUATE", "回村任职大学生", nil},
		{"AGENCY_STAFF", "社会组织工作人员", []string{"机构工作人员"}},
		{"CIVIL_SERVANT", "公务员", nil},
		{"PUBLIC_INSTITUTION_STAFF", "事业单位人员", nil},
		{"TEACHER", "教师", nil},
		{"STUDENT", "学生", nil},
		{"VOLUNTEER", "志愿者", nil},
		{"OTHER", "其他", nil},
	}
	// Levels are the certificate levels.
	Levels = Options{
		{"ASSISTANT", "助理社会工作师", []string{"初级", "助理"}},
		{"INTERMEDIATE", "社会工作师", []string{"中级"}},
		{"SENIOR", "高级社会工作师", []string{"高级"}},
	}
	// OrgTypes are the legal forms of an agency.
	OrgTypes = Options{
		{"PRIVATE_NON_ENTERPRISE", "民办非企业单位", []string{"民非", "社会服务机构"}},
		{"SOCIAL_GROUP", "社会团体", []string{"社团"}},
		{"FOUNDATION", "基金会", nil},
		{"COMMUNITY_SOCIAL_ORGANIZATION", "社区社会组织", nil},
		{"OTHER", "其他", nil},
	}
	// Influences are the reaches of an agency.
	Influences = Options{
		{"COUNTY", "县级", []string{"县"}},
		{"CITY", "市级", []string{"市"}},
		{"PROVINCE", "省级", []string{"省"}},
		{"NATIONAL", "全国", []string{"国家级"}},
	}
	// ServiceFields are the fields of social service.
	ServiceFields = Options{
		{"SOCIAL_WELFARE", "社会福利", nil},
		{"SOCIAL_ASSISTANCE", "社会救助", nil},
		{"COMMUNITY_DEVELOPMENT", "社区建设", nil},
		{"URBAN_RURAL_COMMUNITY", "城乡社区", nil},
		{"EDUCATIONAL_GUIDANCE", "教育辅导", nil},
		{"SCHOOL", "学校社会工作", []string{"学校"}},
		{"COMMUNITY_CORRECTION", "社区矫正", nil},
		{"VETERAN_AFFAIRS", "优抚安置", nil},
		{"EMPLOYMENT_ASSISTANCE", "就业援助", nil},
		{"MEDICAL", "医务", []string{"医患关系"}},
		{"MENTAL_HEALTH", "精神卫生", nil},
		{"DRUG_REHABILITATION", "禁毒戒毒", []string{"禁毒"}},
		{"EMPLOYEE_ASSISTANCE", "职工帮扶", nil},
		{"CHILD_YOUTH", "儿童青少年", []string{"青少年事务"}},
		{"MARRIAGE_FAMILY", "婚姻家庭", nil},
		{"DISABILITY_REHABILITATION", "残障康复", nil},
		{"ELDERLY_SERVICES", "为老服务", []string{"养老服务"}},
		{"CHARITY", "慈善", nil},
		{"DISASTER_RELIEF", "减灾救灾", nil},
	}
	// Tiers are the tiers of the service network.
	Tiers = Options{
		{"COUNTY_CENTRE", "县社会工作服务中心", []string{"县级", "服务中心"}},
		{"TOWNSHIP_STATION", "乡镇（街道）社工站", []string{"乡镇社工站", "社工站", "乡级"}},
		{"VILLAGE_POINT", "村（社区）社会工作服务点", []string{"服务点", "村级"}},
	}
	// Colocations are the facilities a point shares its premises with.
	Colocations = Options{
		{"PARTY_SERVICE_CENTRE", "党群服务中心", nil},
		{"CIVILIZATION_PRACTICE", "新时代文明实践所（站）", []string{"新时代文明实践站", "新时代文明实践所"}},
		{"CONVENIENCE_SERVICE", "便民服务中心", nil},
		{"ELDERLY_CARE", "社区养老服务机构", nil},
		{"MINOR_PROTECTION", "未成年人保护工作站", nil},
		{"VOLUNTEER_STATION", "社区志愿服务站", nil},
		{"ORGANISATION_INCUBATOR", "社区社会组织孵化基地", nil},
	}
	// RegionKinds are the kinds of administrative division.
	RegionKinds = Options{
		{"PROVINCE", "省", []string{"自治区", "直辖市"}},
		{"CITY", "地级市", []string{"市", "州", "盟"}},
		{"COUNTY", "县", []string{"县级市", "旗"}},
		{"DISTRICT", "市辖区", []string{"区"}},
		{"SUBDISTRICT", "街道", []string{"街道办事处"}},
		{"TOWN", "镇", nil},
		{"TOWNSHIP", "乡", []string{"民族乡", "苏木"}},
		{"OTHER_TOWNSHIP_LEVEL", "其他乡级单位", []string{"农场", "林场"}},
		{"COMMUNITY", "社区", []string{"居委会", "社区居委会"}},
		{"VILLAGE", "村", []string{"村委会", "行政村"}},
	}
)
