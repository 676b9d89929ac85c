package quality

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/person"
	"swtalent/ent/training"
	"swtalent/ent/trainingrecord"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/pii"
	"swtalent/internal/transfer"
	"swtalent/internal/workforce"
)

// SheetKinds are the module's spreadsheets: training attendance (import and export) and the
// continuing-education compliance list (export).
func (m *Module) SheetKinds() []*transfer.Kind {
	return []*transfer.Kind{m.attendanceKind(), m.complianceKind()}
}

// attendance is a parsed row of the training-attendance sheet.
type attendance struct {
	trainingName string
	startsOn     civil.Date
	trainingID   int
	holder       transfer.HolderRef
	personID     int
	hours        int
	status       trainingrecord.Status
}

// attendanceStatuses are the values of the status column.
var attendanceStatuses = transfer.NewOptions(
	transfer.Option{Value: "COMPLETED", ZH: "已结业", Aliases: []string{"结业", "合格"}},
	transfer.Option{Value: "FAILED", ZH: "未结业", Aliases: []string{"不合格"}},
	transfer.Option{Value: "ENROLLED", ZH: "已报名", Aliases: []string{"报名"}},
)

// attendanceKind is the training-attendance sheet (参训记录), keyed by training and person. New
// records go through RecordTrainingAttendance, the API's verb; a record already there with other
// hours gets the new hours, checked the same way.
func (m *Module) attendanceKind() *transfer.Kind {
	return &transfer.Kind{
		Name:    "training-attendance",
		Entity:  "TrainingRecord",
		TitleZH: "参训记录",
		Columns: append([]transfer.Column{
			{Key: "training", ZH: "培训名称", Aliases: []string{"training"}, Required: true, Fields: []string{"trainingId"}, Example: "2025年社会工作者继续教育培训班"},
			{Key: "startsOn", ZH: "培训开始日期", Aliases: []string{"starts on", "开班日期", "开始日期"}, Required: true, Example: "2025-04-10"},
		}, append(transfer.HolderColumns(),
			transfer.Column{Key: "hours", ZH: "认定学时", Aliases: []string{"hours", "学时"}, Required: true, Example: "24", Note: "已结业的为 1 至培训总学时，其余为 0"},
			transfer.Column{Key: "status", ZH: "状态", Aliases: []string{"status", "结业情况"}, Example: "已结业", Note: "留空为已结业；" + attendanceStatuses.Note()},
		)...),
		KeyColumn: "idNumber",
		Parse:     m.parseAttendance,
		Resolve:   m.resolveAttendance,
		Write:     m.writeAttendance,
		Export:    m.exportAttendance,
	}
}

func (m *Module) parseAttendance(ctx context.Context, env *transfer.Env, row transfer.Row) (*transfer.Record, error) {
	var errs []error
	a := &attendance{trainingName: row.Get("training")}
	var err error
	if a.startsOn, err = transfer.ParseDate("startsOn", row.Get("startsOn")); err != nil {
		errs = append(errs, err)
	}
	if a.holder.Hash, err = transfer.IDHash(env, row); err != nil {
		errs = append(errs, err)
	}
	a.holder.Name, a.holder.ID = row.Get("name"), &a.personID
	if h, err := transfer.ParseInt("hours", row.Get("hours")); err != nil {
		errs = append(errs, err)
	} else {
		a.hours = *h
	}
	a.status = trainingrecord.StatusCOMPLETED
	if v := row.Get("status"); v != "" {
		if st, err := attendanceStatuses.Parse("status", v); err != nil {
			errs = append(errs, err)
		} else {
			a.status = trainingrecord.Status(st)
		}
	}
	if a.status != trainingrecord.StatusCOMPLETED && a.hours != 0 {
		errs = append(errs, apperr.Invalid("hours", "未结业或仅报名的不认定学时，请填 0", "hours are credited only on completion: write 0"))
	}
	if len(errs) > 0 {
		return nil, joinErrs(errs)
	}
	return &transfer.Record{Key: a.trainingName + "|" + a.startsOn.String() + "|" + a.holder.Hash, Data: a}, nil
}

// resolveAttendance finds the people and the trainings (by name and first day) of a batch.
func (m *Module) resolveAttendance(ctx context.Context, env *transfer.Env, batch []*transfer.Record) error {
	holders := transfer.ResolveHolders(func(r *transfer.Record) *transfer.HolderRef { return &r.Data.(*attendance).holder })
	errs := []error{holders(ctx, env, batch)}
	found := map[string]int{}
	for i, r := range batch {
		a := r.Data.(*attendance)
		key := a.trainingName + "|" + a.startsOn.String()
		id, ok := found[key]
		if !ok {
			ids, err := env.Client.Training.Query().Where(training.Name(a.trainingName), training.StartsOn(a.startsOn)).Limit(2).IDs(ctx)
			if err != nil {
				return fmt.Errorf("look up training: %w", err)
			}
			switch len(ids) {
			case 1:
				id = ids[0]
			case 0:
				id = -1
			default:
				id = -2
			}
			found[key] = id
		}
		switch id {
		case -1:
			errs = append(errs, transfer.At(i, apperr.Invalid("training", "没有这一天开始的该名称培训（请核对培训名称和开始日期）", "no training of this name starts on this day")))
		case -2:
			errs = append(errs, transfer.At(i, apperr.Invalid("training", "同一天开始的同名培训有多个", "several trainings of this name start on this day")))
		default:
			a.trainingID = id
		}
	}
	return joinErrs(errs)
}

func (m *Module) writeAttendance(ctx context.Context, env *transfer.Env, batch []*transfer.Record) (transfer.Counts, error) {
	var counts transfer.Counts
	c := env.Client
	var trainings, people []int
	for _, r := range batch {
		a := r.Data.(*attendance)
		trainings, people = append(trainings, a.trainingID), append(people, a.personID)
	}
	stored, err := c.TrainingRecord.Query().Where(trainingrecord.HasTrainingWith(training.IDIn(trainings...)), trainingrecord.HasPersonWith(person.IDIn(people...))).
		WithTraining(func(q *ent.TrainingQuery) { q.Select(training.FieldID, training.FieldHours) }).
		WithPerson(func(q *ent.PersonQuery) { q.Select(person.FieldID) }).All(ctx)
	if err != nil {
		return counts, fmt.Errorf("look up attendance: %w", err)
	}
	type pair struct{ training, person int }
	have := map[pair]*ent.TrainingRecord{}
	for _, s := range stored {
		have[pair{s.Edges.Training.ID, s.Edges.Person.ID}] = s
	}
	// New records, grouped by training and hours, go through the verb; the batch index of each
	// person is kept to report the verb's errors (personIds[i]) at the right row.
	type group struct {
		training, hours int
		people, index   []int
	}
	var groups []*group
	byKey := map[pair]*group{}
	for i, r := range batch {
		a := r.Data.(*attendance)
		if s := have[pair{a.trainingID, a.personID}]; s != nil {
			if s.Hours == a.hours && s.Status == a.status {
				counts.Unchanged++
				continue
			}
			if a.status == trainingrecord.StatusCOMPLETED && (a.hours <= 0 || a.hours > s.Edges.Training.Hours) {
				return counts, transfer.At(i, apperr.Invalid("hours", fmt.Sprintf("学时应在 1 到 %d 之间", s.Edges.Training.Hours), fmt.Sprintf("hours must be 1 to the training's %d", s.Edges.Training.Hours)))
			}
			if err := c.TrainingRecord.UpdateOne(s).SetHours(a.hours).SetStatus(a.status).Exec(ctx); err != nil {
				return counts, transfer.At(i, err)
			}
			counts.Updated++
			continue
		}
		if a.status != trainingrecord.StatusCOMPLETED {
			// Enrolments and failures credit no hours; the verb records completions only.
			if err := c.TrainingRecord.Create().SetTrainingID(a.trainingID).SetPersonID(a.personID).SetHours(0).SetStatus(a.status).Exec(ctx); err != nil {
				return counts, transfer.At(i, err)
			}
			counts.Created++
			continue
		}
		k := pair{a.trainingID, a.hours}
		g := byKey[k]
		if g == nil {
			g = &group{training: a.trainingID, hours: a.hours}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.people, g.index = append(g.people, a.personID), append(g.index, i)
	}
	for _, g := range groups {
		if _, err := m.RecordTrainingAttendance(ctx, g.training, g.people, g.hours); err != nil {
			return counts, transfer.At(g.index[listIndex(err)], err)
		}
		counts.Created += len(g.people)
	}
	return counts, nil
}

// listIndex is the i of an error on personIds[i], else 0.
func listIndex(err error) int {
	if ae, ok := apperr.As(err); ok {
		if _, rest, ok := strings.Cut(ae.Field, "["); ok {
			if n, err := strconv.Atoi(strings.TrimSuffix(rest, "]")); err == nil {
				return n
			}
		}
	}
	return 0
}

func (m *Module) exportAttendance(ctx context.Context, env *transfer.Env, emit func(map[string]string) error) error {
	return transfer.Pages(ctx, func(after, limit int) (int, error) {
		list, err := env.Client.TrainingRecord.Query().Where(trainingrecord.IDGT(after)).Order(ent.Asc(trainingrecord.FieldID)).Limit(limit).
			WithTraining().WithPerson().All(ctx)
		if err != nil {
			return 0, err
		}
		for _, r := range list {
			v := map[string]string{"hours": strconv.Itoa(r.Hours), "status": attendanceStatuses.Label(string(r.Status))}
			if t := r.Edges.Training; t != nil {
				v["training"], v["startsOn"] = t.Name, t.StartsOn.String()
			}
			if p := r.Edges.Person; p != nil {
				id, err := env.Personal(p.IDNumber, pii.MaskIDNumber)
				if err != nil {
					return 0, err
				}
				v["idNumber"], v["name"] = id, p.Name
			}
			if err := emit(v); err != nil {
				return 0, err
			}
			after = r.ID
		}
		if len(list) < limit {
			return 0, nil
		}
		return after, nil
	})
}

// complianceKind is the continuing-education compliance list (继续教育达标情况): every valid
// certificate of the workforce with its current cycle, hours required and earned, soonest
// deadline first.
func (m *Module) complianceKind() *transfer.Kind {
	return &transfer.Kind{
		Name:    "ce-compliance",
		Entity:  "Certificate",
		TitleZH: "继续教育达标情况",
		Columns: []transfer.Column{
			{Key: "number", ZH: "证书编号"},
			{Key: "name", ZH: "姓名"},
			{Key: "idNumber", ZH: "身份证号", Mask: pii.MaskIDNumber},
			{Key: "level", ZH: "证书等级"},
			{Key: "cycleStart", ZH: "周期开始"},
			{Key: "cycleEnd", ZH: "周期结束"},
			{Key: "required", ZH: "应修学时"},
			{Key: "earned", ZH: "已修学时"},
			{Key: "remaining", ZH: "尚缺学时"},
			{Key: "compliant", ZH: "是否达标"},
		},
		Export: m.exportCompliance,
	}
}

func (m *Module) exportCompliance(ctx context.Context, env *transfer.Env, emit func(map[string]string) error) error {
	today := env.Today
	certs, err := env.Client.Certificate.Query().Where(workforce.CertificateValidAt(today), certificate.HasHolderWith(workforce.InWorkforceAt(today))).
		Order(ent.Asc(certificate.FieldRegistrationDueOn), ent.Asc(certificate.FieldID)).WithHolder().All(ctx)
	if err != nil {
		return err
	}
	holders := make([]int, 0, len(certs))
	for _, c := range certs {
		holders = append(holders, c.HolderID)
	}
	data, err := m.fetchEducation(ctx, holders)
	if err != nil {
		return err
	}
	for _, c := range certs {
		if s := data[c.HolderID].statusOf(c.ID, today); s != nil {
			v := map[string]string{"number": c.Number, "level": transfer.Levels.Label(string(c.Level)),
				"cycleStart": s.Cycle.Start.String(), "cycleEnd": s.Cycle.End.String(),
				"required": strconv.Itoa(s.Required), "earned": strconv.Itoa(s.Earned), "remaining": strconv.Itoa(s.Remaining),
				"compliant": transfer.FormatBool(s.Compliant)}
			if h := c.Edges.Holder; h != nil {
				id, err := env.Personal(h.IDNumber, pii.MaskIDNumber)
				if err != nil {
					return err
				}
				v["name"], v["idNumber"] = h.Name, id
			}
			if err := emit(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// joinErrs joins a row's errors; nil when there are none.
func joinErrs(errs []error) error {
	var out []error
	for _, e := range errs {
		if e != nil {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return errors.Join(out...)
}
