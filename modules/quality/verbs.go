package quality

import (
	"context"
	"fmt"
	"strings"

	"swtalent/ent"
	"swtalent/ent/person"
	"swtalent/ent/supervisorqualification"
	"swtalent/ent/training"
	"swtalent/ent/trainingrecord"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
)

// RecordTrainingAttendance records that people completed a training, crediting each the hours:
// more than zero and at most the training's. All or nothing (the mutation's transaction); a
// person listed twice or already recorded is a CONFLICT naming personIds[i].
func (m *Module) RecordTrainingAttendance(ctx context.Context, trainingID int, personIDs []int, hours int) ([]*ent.TrainingRecord, error) {
	c := m.cfg.Ent(ctx)
	t, err := c.Training.Get(ctx, trainingID)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("trainingId", "培训不存在", "no training with this ID")
	}
	if err != nil {
		return nil, err
	}
	if hours <= 0 || hours > t.Hours {
		return nil, apperr.Invalid("hours", fmt.Sprintf("学时应在 1 到 %d 之间", t.Hours), fmt.Sprintf("hours must be 1 to the training's %d", t.Hours))
	}
	if len(personIDs) == 0 {
		return nil, apperr.Invalid("personIds", "请至少列出一人", "list at least one person")
	}
	seen := map[int]bool{}
	creates := make([]*ent.TrainingRecordCreate, 0, len(personIDs))
	for i, id := range personIDs {
		field := fmt.Sprintf("personIds[%d]", i)
		if seen[id] {
			return nil, apperr.Conflict(field, "同一人重复列出", "the person is listed twice")
		}
		seen[id] = true
		exists, err := c.Person.Query().Where(person.ID(id)).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if !exists {
			return nil, apperr.Invalid(field, "人员不存在", "no person with this ID")
		}
		dup, err := c.TrainingRecord.Query().Where(trainingrecord.HasPersonWith(person.ID(id)), trainingrecord.HasTrainingWith(training.ID(t.ID))).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if dup {
			return nil, apperr.Conflict(field, "该人员已有此培训的记录", "the person is already recorded on this training")
		}
		creates = append(creates, c.TrainingRecord.Create().SetPersonID(id).SetTraining(t).SetHours(hours).SetStatus(trainingrecord.StatusCOMPLETED))
	}
	return c.TrainingRecord.CreateBulk(creates...).Save(ctx)
}

// GrantSupervisorQualification grants a person a supervision qualification of a level.
func (m *Module) GrantSupervisorQualification(ctx context.Context, personID, levelID int, grantedOn civil.Date, grantedBy *string) (*ent.SupervisorQualification, error) {
	c := m.cfg.Ent(ctx)
	if grantedOn.After(m.cfg.Today()) {
		return nil, apperr.Invalid("grantedOn", "日期不能晚于今天", "grantedOn must not be in the future")
	}
	if ok, err := c.Person.Query().Where(person.ID(personID)).Exist(ctx); err != nil || !ok {
		if err != nil {
			return nil, err
		}
		return nil, apperr.Invalid("personId", "人员不存在", "no person with this ID")
	}
	level, err := c.SupervisorLevel.Get(ctx, levelID)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("levelId", "督导等级不存在", "no supervisor level with this ID")
	}
	if err != nil {
		return nil, err
	}
	by := ""
	if grantedBy != nil {
		by = strings.TrimSpace(*grantedBy)
	}
	return c.SupervisorQualification.Create().SetPersonID(personID).SetLevel(level).SetGrantedOn(grantedOn).SetGrantedBy(by).Save(ctx)
}

// RevokeSupervisorQualification revokes a qualification from a date, not before it was granted.
func (m *Module) RevokeSupervisorQualification(ctx context.Context, id int, revokedOn civil.Date) (*ent.SupervisorQualification, error) {
	c := m.cfg.Ent(ctx)
	q, err := c.SupervisorQualification.Query().Where(supervisorqualification.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("id", "督导资质不存在", "no supervision qualification with this ID")
	}
	if err != nil {
		return nil, err
	}
	if revokedOn.Before(q.GrantedOn) || revokedOn.After(m.cfg.Today()) {
		return nil, apperr.Invalid("revokedOn", "撤销日期应在认定日期与今天之间", "revokedOn must lie between the grant and today")
	}
	return c.SupervisorQualification.UpdateOne(q).SetRevokedOn(revokedOn).Save(ctx)
}
