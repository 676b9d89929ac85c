package linkage

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/internal/apperr"
	"swtalent/internal/facts"
)

// MaxVolunteersPerRequest bounds one createVolunteers call; larger registers go through the
// spreadsheet import.
const MaxVolunteersPerRequest = 5000

// CreateVolunteers registers many volunteers at once, all or nothing (the request's transaction):
// the first invalid one refuses the whole list, its error naming it (input[3].phone). The same
// name and phone twice in one community, within the list or against the register, is a conflict.
func (m *Module) CreateVolunteers(ctx context.Context, input []*ent.CreateVolunteerInput) ([]*ent.Volunteer, error) {
	if len(input) > MaxVolunteersPerRequest {
		return nil, apperr.Invalid("input", fmt.Sprintf("一次最多登记 %d 名志愿者，更多请用表格导入", MaxVolunteersPerRequest),
			fmt.Sprintf("at most %d volunteers per request; import a spreadsheet for more", MaxVolunteersPerRequest))
	}
	c := m.cfg.Ent(ctx)
	// The kept fact of the communities registered in (VOLUNTEER_ACTIVE) is refreshed once for the
	// request, not per volunteer: each refresh reads the community's every volunteer.
	fctx, flush := facts.Defer(ctx)
	out := make([]*ent.Volunteer, len(input))
	for i, in := range input {
		v, err := c.Volunteer.Create().SetInput(*in).Save(fctx)
		if err != nil {
			return nil, apperr.Element(fmt.Sprintf("input[%d]", i), err)
		}
		out[i] = v
	}
	if err := flush(ctx, c); err != nil {
		return nil, err
	}
	return out, nil
}
