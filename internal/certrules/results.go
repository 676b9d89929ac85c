package certrules

import (
	"fmt"
	"slices"

	"swtalent/ent/schema/enum"
)

// PaperResult is the result of one paper in one attempt (the type the ent schema stores). Sat
// reports that the candidate sat the paper (false: absent); Passed that they passed it, which
// implies Sat. A paper of the attempt without a PaperResult has no result yet.
type PaperResult = enum.PaperResult

// CheckResults checks the results of an attempt at level: each must name a paper of that level,
// no paper may appear twice, and a paper not sat cannot be passed. It returns the index of the
// first offending result and the violation (Field "results[i].paper", or "results[i].passed"
// for a pass without sitting), or (-1, nil) when the results are fine.
func CheckResults(level enum.CertificateLevel, results []PaperResult) (int, *RuleError) {
	papers := Papers(level)
	seen := make(map[Paper]bool, len(results))
	for i, r := range results {
		field := fmt.Sprintf("results[%d].paper", i)
		switch {
		case !slices.Contains(papers, r.Paper):
			return i, &RuleError{
				Field: field,
				ZH:    fmt.Sprintf("%s考试没有科目 %s", levelName(level), paperName(r.Paper)),
				EN:    fmt.Sprintf("level %s has no paper %q", level, r.Paper),
			}
		case seen[r.Paper]:
			return i, &RuleError{
				Field: field,
				ZH:    fmt.Sprintf("科目 %s 重复", paperName(r.Paper)),
				EN:    fmt.Sprintf("paper %s is repeated", r.Paper),
			}
		case r.Passed && !r.Sat:
			return i, &RuleError{
				Field: fmt.Sprintf("results[%d].passed", i),
				ZH:    fmt.Sprintf("科目 %s 未参考，不能为合格", paperName(r.Paper)),
				EN:    fmt.Sprintf("paper %s was not sat and cannot be passed", r.Paper),
			}
		}
		seen[r.Paper] = true
	}
	return -1, nil
}

// levelName returns the Chinese name of a level, or its code when unknown.
func levelName(l enum.CertificateLevel) string {
	if zh, ok := levelZH[l]; ok {
		return zh
	}
	return fmt.Sprintf("%q 级别", string(l))
}

// paperName returns the Chinese name of a paper with its code, e.g. "社会工作实务（PRACTICE）",
// or the quoted code alone when unknown.
func paperName(p Paper) string {
	if zh, ok := paperZH[p]; ok {
		return zh + "（" + string(p) + "）"
	}
	return fmt.Sprintf("%q", string(p))
}
