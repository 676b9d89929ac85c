package enum

import "io"

// Paper is one paper (科目) of the national social-work exam, or the review (评审) of the senior
// level.
type Paper string

// Papers of the exam.
const (
	PaperPractice       Paper = "PRACTICE"        // 社会工作实务
	PaperComprehensive  Paper = "COMPREHENSIVE"   // 社会工作综合能力
	PaperRegulations    Paper = "REGULATIONS"     // 社会工作法规与政策
	PaperSeniorPractice Paper = "SENIOR_PRACTICE" // 高级社会工作实务
	PaperReview         Paper = "REVIEW"          // 评审 (senior level)
)

// Values lists every paper.
func (Paper) Values() []string {
	return []string{string(PaperPractice), string(PaperComprehensive), string(PaperRegulations),
		string(PaperSeniorPractice), string(PaperReview)}
}

// MarshalGQL writes the paper as a GraphQL enum value.
func (p Paper) MarshalGQL(w io.Writer) { marshal(w, p) }

// UnmarshalGQL reads a GraphQL enum value.
func (p *Paper) UnmarshalGQL(v any) error { return unmarshal(p, v, "Paper") }

// PaperResult is the result of one paper of an exam application.
type PaperResult struct {
	Paper  Paper `json:"paper"`
	Sat    bool  `json:"sat"`    // the applicant sat the paper
	Passed bool  `json:"passed"` // the applicant passed it (implies Sat)
}

// Valid reports whether p is one of the papers.
func (p Paper) Valid() bool { return valid(p) }
