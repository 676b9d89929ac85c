package certrules

import (
	"swtalent/ent/schema/enum"
)

// Paper is one paper of the national social-work exam (the type the ent schema stores). The
// senior level's review (评审) is modelled as a paper too, so that every level is "pass all of
// its papers".
type Paper = enum.Paper

// Exam papers.
const (
	PaperPractice       = enum.PaperPractice       // 社会工作实务
	PaperComprehensive  = enum.PaperComprehensive  // 社会工作综合能力
	PaperRegulations    = enum.PaperRegulations    // 社会工作法规与政策
	PaperSeniorPractice = enum.PaperSeniorPractice // 高级社会工作实务
	PaperReview         = enum.PaperReview         // 评审
)

// paperZH holds the Chinese names of the papers, for messages.
var paperZH = map[Paper]string{
	PaperPractice:       "社会工作实务",
	PaperComprehensive:  "社会工作综合能力",
	PaperRegulations:    "社会工作法规与政策",
	PaperSeniorPractice: "高级社会工作实务",
	PaperReview:         "评审",
}

// Papers returns the papers a level requires, in a new slice: ASSISTANT PRACTICE and
// COMPREHENSIVE; INTERMEDIATE PRACTICE, COMPREHENSIVE and REGULATIONS; SENIOR SENIOR_PRACTICE and
// REVIEW. An unknown level has none (nil).
func Papers(level enum.CertificateLevel) []Paper {
	switch level {
	case enum.LevelAssistant:
		return []Paper{PaperPractice, PaperComprehensive}
	case enum.LevelIntermediate:
		return []Paper{PaperPractice, PaperComprehensive, PaperRegulations}
	case enum.LevelSenior:
		return []Paper{PaperSeniorPractice, PaperReview}
	}
	return nil
}

// levelZH holds the Chinese names of the certificate levels, for messages.
var levelZH = map[enum.CertificateLevel]string{
	enum.LevelAssistant:    "助理社会工作师",
	enum.LevelIntermediate: "社会工作师",
	enum.LevelSenior:       "高级社会工作师",
}
