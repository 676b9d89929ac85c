package doubling

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"swtalent/ent"
	"swtalent/ent/examapplication"
	"swtalent/ent/person"
	"swtalent/ent/schema/enum"
	"swtalent/internal/apperr"
	"swtalent/internal/pii"
	"swtalent/internal/transfer"
)

// SheetKinds are the module's spreadsheets: exam results (import and export).
func (m *Module) SheetKinds() []*transfer.Kind {
	return []*transfer.Kind{m.examResultsKind()}
}

// paperColumns are the result columns, one per paper, in the order clerks list them.
var paperColumns = []struct {
	key   string
	paper enum.Paper
	zh    string
}{
	{"practice", enum.PaperPractice, "社会工作实务"},
	{"comprehensive", enum.PaperComprehensive, "社会工作综合能力"},
	{"regulations", enum.PaperRegulations, "社会工作法规与政策"},
	{"seniorPractice", enum.PaperSeniorPractice, "高级社会工作实务"},
	{"review", enum.PaperReview, "评审"},
}

// paperResults are the values of a result cell.
var paperResults = transfer.NewOptions(
	transfer.Option{Value: "PASSED", ZH: "合格", Aliases: []string{"通过", "passed"}},
	transfer.Option{Value: "FAILED", ZH: "不合格", Aliases: []string{"未通过", "failed"}},
	transfer.Option{Value: "ABSENT", ZH: "缺考", Aliases: []string{"absent"}},
)

// examRow is a parsed row of the exam-results sheet.
type examRow struct {
	holder   transfer.HolderRef
	personID int
	year     int
	level    enum.CertificateLevel
	results  []enum.PaperResult
}

// examResultsKind is the exam-results sheet (考试成绩), keyed by person, year and level. Rows go
// through the module's verbs: a new application through RecordExamApplication, new results of
// one already recorded through RecordPaperResults, so outcomes follow the same rules as the API.
func (m *Module) examResultsKind() *transfer.Kind {
	cols := append(transfer.HolderColumns(),
		transfer.Column{Key: "examYear", ZH: "考试年度", Aliases: []string{"exam year", "年度"}, Required: true, Example: "2025"},
		transfer.Column{Key: "level", ZH: "报考级别", Aliases: []string{"level", "级别", "证书等级"}, Required: true, Fields: []string{"results"}, Example: "助理社会工作师", Note: transfer.Levels.Note()},
	)
	for _, p := range paperColumns {
		cols = append(cols, transfer.Column{Key: p.key, ZH: p.zh, Aliases: []string{string(p.paper)}, Note: paperResults.Note()})
	}
	cols[len(cols)-5].Example, cols[len(cols)-4].Example = "合格", "合格"
	cols = append(cols, transfer.Column{Key: "outcome", ZH: "结果", Note: "导出时填写，导入时不读取"})
	return &transfer.Kind{
		Name:      "exam-results",
		Entity:    "ExamApplication",
		TitleZH:   "考试成绩",
		Columns:   cols,
		KeyColumn: "examYear",
		Parse:     m.parseExamRow,
		Order: func(recs []*transfer.Record) {
			slices.SortStableFunc(recs, func(a, b *transfer.Record) int { return a.Data.(*examRow).year - b.Data.(*examRow).year })
		},
		Resolve: transfer.ResolveHolders(func(r *transfer.Record) *transfer.HolderRef { return &r.Data.(*examRow).holder }),
		Write:   m.writeExamRows,
		Export:  m.exportExamRows,
	}
}

func (m *Module) parseExamRow(ctx context.Context, env *transfer.Env, row transfer.Row) (*transfer.Record, error) {
	var errs []error
	d := &examRow{}
	d.holder.Name, d.holder.ID = row.Get("name"), &d.personID
	var err error
	if d.holder.Hash, err = transfer.IDHash(env, row); err != nil {
		errs = append(errs, err)
	}
	if y, err := transfer.ParseInt("examYear", row.Get("examYear")); err != nil {
		errs = append(errs, err)
	} else if *y < firstExamYear || *y > env.Today.Year {
		errs = append(errs, apperr.Invalid("examYear", fmt.Sprintf("考试年度应在 %d 年至今年之间", firstExamYear), fmt.Sprintf("examYear must lie between %d and this year", firstExamYear)))
	} else {
		d.year = *y
	}
	if l, err := transfer.Levels.Parse("level", row.Get("level")); err != nil {
		errs = append(errs, err)
	} else {
		d.level = enum.CertificateLevel(l)
	}
	for _, p := range paperColumns {
		v := row.Get(p.key)
		if v == "" {
			continue
		}
		r, err := paperResults.Parse(p.key, v)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		d.results = append(d.results, enum.PaperResult{Paper: p.paper, Sat: r != "ABSENT", Passed: r == "PASSED"})
	}
	if len(errs) == 0 {
		if err := checkResults(d.level, d.results); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &transfer.Record{Key: fmt.Sprintf("%s|%d|%s", d.holder.Hash, d.year, d.level), Data: d}, nil
}

func (m *Module) writeExamRows(ctx context.Context, env *transfer.Env, batch []*transfer.Record) (transfer.Counts, error) {
	var counts transfer.Counts
	for i, r := range batch {
		d := r.Data.(*examRow)
		app, err := env.Client.ExamApplication.Query().Where(examapplication.HasPersonWith(person.ID(d.personID)),
			examapplication.ExamYear(d.year), examapplication.LevelEQ(d.level)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			if _, err := m.RecordExamApplication(ctx, &ApplicationInput{PersonID: d.personID, ExamYear: d.year, Level: d.level, Results: d.results}); err != nil {
				return counts, transfer.At(i, err)
			}
			counts.Created++
			continue
		case err != nil:
			return counts, err
		}
		var changed []*enum.PaperResult
		for _, res := range d.results {
			if !slices.Contains(app.Results, res) {
				changed = append(changed, &res)
			}
		}
		if len(changed) == 0 {
			counts.Unchanged++
			continue
		}
		if _, err := m.RecordPaperResults(ctx, app.ID, changed); err != nil {
			return counts, transfer.At(i, err)
		}
		counts.Updated++
	}
	return counts, nil
}

// outcomeZH names the outcomes in Chinese.
var outcomeZH = map[examapplication.Outcome]string{
	examapplication.OutcomeAPPLIED: "已报名", examapplication.OutcomeSAT: "已参考", examapplication.OutcomePASSED: "通过",
	examapplication.OutcomeFAILED: "未通过", examapplication.OutcomeABSENT: "缺考",
}

func (m *Module) exportExamRows(ctx context.Context, env *transfer.Env, emit func(map[string]string) error) error {
	return transfer.Pages(ctx, func(after, limit int) (int, error) {
		list, err := env.Client.ExamApplication.Query().Where(examapplication.IDGT(after)).Order(ent.Asc(examapplication.FieldID)).
			Limit(limit).WithPerson().All(ctx)
		if err != nil {
			return 0, err
		}
		for _, a := range list {
			v := map[string]string{"examYear": strconv.Itoa(a.ExamYear), "level": transfer.Levels.Label(string(a.Level)), "outcome": outcomeZH[a.Outcome]}
			if p := a.Edges.Person; p != nil {
				id, err := env.Personal(p.IDNumber, pii.MaskIDNumber)
				if err != nil {
					return 0, err
				}
				v["idNumber"], v["name"] = id, p.Name
			}
			for _, res := range a.Results {
				for _, p := range paperColumns {
					if p.paper != res.Paper {
						continue
					}
					switch {
					case res.Passed:
						v[p.key] = "合格"
					case res.Sat:
						v[p.key] = "不合格"
					default:
						v[p.key] = "缺考"
					}
				}
			}
			if err := emit(v); err != nil {
				return 0, err
			}
			after = a.ID
		}
		if len(list) < limit {
			return 0, nil
		}
		return after, nil
	})
}
