package linkage

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/internal/apperr"
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
	out := make([]*ent.Volunteer, len(input))
	for i, in := range input {
		v, err := c.Volunteer.Create().SetInput(*in).Save(ctx)
		if err != nil {
			return nil, apperr.Element(fmt.Sprintf("input[%d]", i), err)
		}
		out[i] = v
	}
	return out, nil
}
