package transfer

// The value sets of enumerated columns: API codes with the Chinese labels clerks write.
var (
	// Educations are the highest education levels of a person.
	Educations = NewOptions(
		Option{"JUNIOR_HIGH_OR_BELOW", "初中及以下", []string{"初中", "小学"}},
		Option{"HIGH_SCHOOL", "高中/中专", []string{"高中", "中专", "职高"}},
		Option{"JUNIOR_COLLEGE", "大专", []string{"专科"}},
		Option{"BACHELOR", "本科", []string{"大学本科"}},
		Option{"MASTER", "硕士", []string{"硕士研究生", "研究生"}},
		Option{"DOCTORATE", "博士", []string{"博士研究生"}},
	)
	// Degrees are the states of a social-work degree.
	Degrees = NewOptions(
		Option{"NONE", "无", []string{"否"}},
		Option{"IN_PROGRESS", "在读", nil},
		Option{"COMPLETED", "已取得", []string{"是", "已毕业"}},
	)
	// Roles are the roles a person holds.
	Roles = NewOptions(
		Option{"COMMUNITY_WORKER", "社区工作者", nil},
		Option{"GRID_WORKER", "网格员", nil},
		Option{"VILLAGE_CADRE", "两委成员", []string{"村（社区）两委成员", "两委"}},
		Option{"RETURNED_GRADUATE", "回村任职大学生", nil},
		Option{"AGENCY_STAFF", "社会组织工作人员", []string{"机构工作人员"}},
		Option{"CIVIL_SERVANT", "公务员", nil},
		Option{"PUBLIC_INSTITUTION_STAFF", "事业单位人员", nil},
		Option{"TEACHER", "教师", nil},
		Option{"STUDENT", "学生", nil},
		Option{"VOLUNTEER", "志愿者", nil},
		Option{"OTHER", "其他", nil},
	)
	// Levels are the certificate levels.
	Levels = NewOptions(
		Option{"ASSISTANT", "助理社会工作师", []string{"初级", "助理"}},
		Option{"INTERMEDIATE", "社会工作师", []string{"中级"}},
		Option{"SENIOR", "高级社会工作师", []string{"高级"}},
	)
	// OrgTypes are the legal forms of an agency.
	OrgTypes = NewOptions(
		Option{"PRIVATE_NON_ENTERPRISE", "民办非企业单位", []string{"民非", "社会服务机构"}},
		Option{"SOCIAL_GROUP", "社会团体", []string{"社团"}},
		Option{"FOUNDATION", "基金会", nil},
		Option{"COMMUNITY_SOCIAL_ORGANIZATION", "社区社会组织", nil},
		Option{"OTHER", "其他", nil},
	)
	// Influences are the reaches of an agency.
	Influences = NewOptions(
		Option{"COUNTY", "县级", []string{"县"}},
		Option{"CITY", "市级", []string{"市"}},
		Option{"PROVINCE", "省级", []string{"省"}},
		Option{"NATIONAL", "全国", []string{"国家级"}},
	)
	// ServiceFields are the fields of social service.
	ServiceFields = NewOptions(
		Option{"SOCIAL_WELFARE", "社会福利", nil},
		Option{"SOCIAL_ASSISTANCE", "社会救助", nil},
		Option{"COMMUNITY_DEVELOPMENT", "社区建设", nil},
		Option{"URBAN_RURAL_COMMUNITY", "城乡社区", nil},
		Option{"EDUCATIONAL_GUIDANCE", "教育辅导", nil},
		Option{"SCHOOL", "学校社会工作", []string{"学校"}},
		Option{"COMMUNITY_CORRECTION", "社区矫正", nil},
		Option{"VETERAN_AFFAIRS", "优抚安置", nil},
		Option{"EMPLOYMENT_ASSISTANCE", "就业援助", nil},
		Option{"MEDICAL", "医务", []string{"医患关系"}},
		Option{"MENTAL_HEALTH", "精神卫生", nil},
		Option{"DRUG_REHABILITATION", "禁毒戒毒", []string{"禁毒"}},
		Option{"EMPLOYEE_ASSISTANCE", "职工帮扶", nil},
		Option{"CHILD_YOUTH", "儿童青少年", []string{"青少年事务"}},
		Option{"MARRIAGE_FAMILY", "婚姻家庭", nil},
		Option{"DISABILITY_REHABILITATION", "残障康复", nil},
		Option{"ELDERLY_SERVICES", "为老服务", []string{"养老服务"}},
		Option{"CHARITY", "慈善", nil},
		Option{"DISASTER_RELIEF", "减灾救灾", nil},
	)
	// Tiers are the tiers of the service network.
	Tiers = NewOptions(
		Option{"COUNTY_CENTRE", "县社会工作服务中心", []string{"县级", "服务中心"}},
		Option{"TOWNSHIP_STATION", "乡镇（街道）社工站", []string{"乡镇社工站", "社工站", "乡级"}},
		Option{"VILLAGE_POINT", "村（社区）社会工作服务点", []string{"服务点", "村级"}},
	)
	// Colocations are the facilities a point shares its premises with.
	Colocations = NewOptions(
		Option{"PARTY_SERVICE_CENTRE", "党群服务中心", nil},
		Option{"CIVILIZATION_PRACTICE", "新时代文明实践所（站）", []string{"新时代文明实践站", "新时代文明实践所"}},
		Option{"CONVENIENCE_SERVICE", "便民服务中心", nil},
		Option{"ELDERLY_CARE", "社区养老服务机构", nil},
		Option{"MINOR_PROTECTION", "未成年人保护工作站", nil},
		Option{"VOLUNTEER_STATION", "社区志愿服务站", nil},
		Option{"ORGANISATION_INCUBATOR", "社区社会组织孵化基地", nil},
	)
	// RegionKinds are the kinds of administrative division.
	RegionKinds = NewOptions(
		Option{"PROVINCE", "省", []string{"自治区", "直辖市"}},
		Option{"CITY", "地级市", []string{"市", "州", "盟"}},
		Option{"COUNTY", "县", []string{"县级市", "旗"}},
		Option{"DISTRICT", "市辖区", []string{"区"}},
		Option{"SUBDISTRICT", "街道", []string{"街道办事处"}},
		Option{"TOWN", "镇", nil},
		Option{"TOWNSHIP", "乡", []string{"民族乡", "苏木"}},
		Option{"OTHER_TOWNSHIP_LEVEL", "其他乡级单位", []string{"农场", "林场"}},
		Option{"COMMUNITY", "社区", []string{"居委会", "社区居委会"}},
		Option{"VILLAGE", "村", []string{"村委会", "行政村"}},
	)
)
