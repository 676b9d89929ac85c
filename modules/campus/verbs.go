package campus

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/placement"
	"swtalent/internal/apperr"
)

// MaxHoursPerLog bounds one logPlacementHours entry, a week of full days, to catch typing errors.
const MaxHoursPerLog = 7 * 24

// LogHours adds hours to an active placement.
func (m *Module) LogHours(ctx context.Context, id, hours int) (*ent.Placement, error) {
	if hours <= 0 || hours > MaxHoursPerLog {
		return nil, apperr.Invalid("hours", fmt.Sprintf("时数应为 1 至 %d 之间的整数", MaxHoursPerLog),
			fmt.Sprintf("hours must be a whole number from 1 to %d", MaxHoursPerLog))
	}
	c := m.cfg.Ent(ctx)
	p, err := c.Placement.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load placement: %w", err)
	}
	if p.Status != placement.StatusACTIVE {
		return nil, apperr.Invalid("id", fmt.Sprintf("只能为进行中的实习记录时数（当前状态 %s）", p.Status),
			fmt.Sprintf("hours can only be logged for an ACTIVE placement (this one is %s)", p.Status))
	}
	return c.Placement.UpdateOne(p).AddLoggedHours(hours).Save(ctx)
}

// ChangeStatus moves a placement to another status, recording the evaluation when one is given;
// the placement's rules refuse a change other than PLANNED → ACTIVE → COMPLETED or to CANCELLED
// from PLANNED or ACTIVE.
func (m *Module) ChangeStatus(ctx context.Context, id int, status placement.Status, evaluation *string) (*ent.Placement, error) {
	u := m.cfg.Ent(ctx).Placement.UpdateOneID(id).SetStatus(status)
	if evaluation != nil {
		u.SetEvaluation(*evaluation)
	}
	return u.Save(ctx)
}
