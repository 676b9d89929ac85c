package quality

import (
	"context"
	"fmt"
	"slices"
	"time"

	"swtalent/ent"
	"swtalent/ent/schema/enum"
	"swtalent/ent/training"
	"swtalent/ent/trainingrecord"
	"swtalent/internal/civil"
	"swtalent/internal/demo"
)

// Demo adds the quality initiative's part of the demo world (the modules.DemoSeeder
// capability): three supervisor levels and ten supervisors qualified 2022–2025 (one revoked), the
// trainings of 2024, 2025 and each year after up to the world's end, with attendance, an expert pool, and leaders trained at the party school.
func (m *Module) Demo(ctx context.Context, w *demo.World) error {
	c := w.Client
	var levels []*ent.SupervisorLevel
	for i, name := range []string{"初级督导", "中级督导", "高级督导"} {
		l, err := c.SupervisorLevel.Create().SetName(name).SetRank(i + 1).Save(ctx)
		if err != nil {
			return fmt.Errorf("create supervisor levels: %w", err)
		}
		levels = append(levels, l)
	}
	certified := w.CertifiedAt(w.Anchor)
	slices.SortFunc(certified, func(a, b *ent.Person) int { return a.ID - b.ID })
	// Ten supervisors from the certified workforce, qualified from 2022 on; one revoked in 2025.
	for i := range 10 {
		p := certified[(i*7)%len(certified)]
		granted := civil.DateFor(2022+i%4, time.Month(3+i), 10)
		q := c.SupervisorQualification.Create().SetDemo(true).SetPersonID(p.ID).SetLevel(levels[i%3]).
			SetGrantedOn(granted).SetGrantedBy("弋阳县民政局")
		if i == 9 {
			q.SetRevokedOn(civil.DateFor(2025, 9, 1))
		}
		if _, err := q.Save(ctx); err != nil {
			return fmt.Errorf("create supervisors: %w", err)
		}
	}
	// Trainings of 2024 and 2025.
	type plan struct {
		name   string
		kind   training.Kind
		month  int
		hours  int
		people int
	}
	plans := []plan{
		{"持证社工继续教育培训班", training.KindCONTINUING_EDUCATION, 4, 24, 40},
		{"社会工作督导人才培训班", training.KindSUPERVISOR_TRAINING, 6, 32, 12},
		{"领导干部社会工作高级研修班", training.KindLEADER_SEMINAR, 9, 16, 20},
		{"县委党校主体班社会工作课程", training.KindPARTY_SCHOOL_COURSE, 10, 8, 30},
		{"社区工作者业务培训", training.KindBUSINESS_TRAINING, 11, 12, 50},
	}
	civilAffairs := w.Departments["县民政局"]
	partySchool := w.Departments["县委党校"]
	for _, year := range append([]int{2024, 2025}, w.LaterYears()...) {
		for _, pl := range plans {
			start := civil.DateFor(year, time.Month(pl.month), 12)
			if start.AddDate(0, 0, 3).After(w.End()) {
				break // not held yet
			}
			r, people := w.Rand, certified
			if start.After(w.Anchor) {
				r, people = w.Later, w.CertifiedAt(start)
			}
			t := c.Training.Create().SetDemo(true).SetName(fmt.Sprintf("%d年%s", year, pl.name)).SetKind(pl.kind).
				SetStartsOn(start).SetEndsOn(start.AddDate(0, 0, 3)).SetHours(pl.hours).SetRegion(w.County)
			if pl.kind == training.KindPARTY_SCHOOL_COURSE && partySchool != nil {
				t.SetOrganiserDepartment(partySchool)
			} else if civilAffairs != nil {
				t.SetOrganiserDepartment(civilAffairs)
			}
			tr, err := t.Save(ctx)
			if err != nil {
				return fmt.Errorf("create trainings: %w", err)
			}
			var records []*ent.TrainingRecordCreate
			for _, i := range r.Perm(len(people))[:min(pl.people, len(people))] {
				status := trainingrecord.StatusCOMPLETED
				hours := pl.hours
				if r.IntN(12) == 0 {
					status, hours = trainingrecord.StatusFAILED, 0
				}
				records = append(records, c.TrainingRecord.Create().SetDemo(true).SetPersonID(people[i].ID).
					SetTraining(tr).SetHours(hours).SetStatus(status))
			}
			if _, err := c.TrainingRecord.CreateBulk(records...).Save(ctx); err != nil {
				return fmt.Errorf("create attendance: %w", err)
			}
		}
	}
	// The expert pool: three from the registers, three external.
	experts := []struct {
		name, affiliation string
		person            *ent.Person
		areas             []enum.ExpertArea
		fields            []enum.ServiceField
	}{
		{"", "弋阳县社会工作服务中心", certified[1], []enum.ExpertArea{enum.AreaSupervision, enum.AreaTeaching}, []enum.ServiceField{enum.FieldUrbanRuralCommunity}},
		{"", "弋阳县社会工作服务中心", certified[2], []enum.ExpertArea{enum.AreaEvaluation}, []enum.ServiceField{enum.FieldElderlyServices}},
		{"", "弋阳县人民医院", certified[3], []enum.ExpertArea{enum.AreaSupervision}, []enum.ServiceField{enum.FieldMedical}},
		{"周明华", "上饶师范学院", nil, []enum.ExpertArea{enum.AreaTeaching, enum.AreaResearch}, []enum.ServiceField{enum.FieldSchool, enum.FieldChildYouth}},
		{"陈立新", "江西省社会工作协会", nil, []enum.ExpertArea{enum.AreaPolicy, enum.AreaEvaluation}, []enum.ServiceField{enum.FieldSocialAssistance}},
		{"刘芳", "南昌大学", nil, []enum.ExpertArea{enum.AreaResearch}, []enum.ServiceField{enum.FieldCommunityCorrection}},
	}
	for i, x := range experts {
		e := c.Expert.Create().SetDemo(true).SetAffiliation(x.affiliation).SetAreas(x.areas).SetServiceFields(x.fields).
			SetTermStart(civil.DateFor(2023, 1, 1))
		name := x.name
		if x.person != nil {
			e.SetPersonID(x.person.ID)
			name = x.person.Name
		}
		if i == 5 {
			e.SetTermEnd(civil.DateFor(2024, 12, 31))
		}
		if _, err := e.SetName(name).Save(ctx); err != nil {
			return fmt.Errorf("create experts: %w", err)
		}
	}
	return nil
}
