package incentives

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"

	"swtalent/internal/pii"
	"swtalent/internal/transfer"
	"swtalent/modules"
)

// SheetKinds are the module's spreadsheets: the allowance payroll (export).
func (m *Module) SheetKinds() []*transfer.Kind {
	return []*transfer.Kind{{
		Name:    "payroll",
		Entity:  "AllowancePayment",
		TitleZH: "社会工作职业津贴发放名册",
		Columns: []transfer.Column{
			{Key: "month", ZH: "月份"},
			{Key: "name", ZH: "姓名"},
			{Key: "idNumber", ZH: "身份证号", Mask: pii.MaskIDNumber},
			{Key: "level", ZH: "证书等级"},
			{Key: "rate", ZH: "津贴标准（元/月）"},
			{Key: "paid", ZH: "是否发放"},
			{Key: "amount", ZH: "发放金额（元）"},
			{Key: "payer", ZH: "发放单位"},
		},
		Export: m.exportPayroll,
	}}
}

// levelsZH are the certificate levels as the payroll names them.
var levelsZH = map[string]string{"ASSISTANT": "助理社会工作师", "INTERMEDIATE": "社会工作师", "SENIOR": "高级社会工作师"}

// payersZH are the payers as the payroll names them.
var payersZH = map[string]string{"COUNTY": "县级", "TOWNSHIP": "乡镇（街道）"}

// exportPayroll writes the payroll of the last complete month before the export's day, every
// line, a page at a time, as allowancePayroll computes it.
func (m *Module) exportPayroll(ctx context.Context, env *transfer.Env, emit func(map[string]string) error) error {
	month := modules.Scope{AsOf: env.Today}.LastCompleteMonth()
	q := m.Query()
	first := 500
	var after *entgql.Cursor[int]
	for {
		p, err := q.AllowancePayroll(ctx, month, &first, after)
		if err != nil {
			return fmt.Errorf("payroll %s: %w", month, err)
		}
		for _, e := range p.Edges {
			l := e.Node
			id, err := env.Personal(l.Person.IDNumber, pii.MaskIDNumber)
			if err != nil {
				return err
			}
			row := map[string]string{"month": month.String(), "name": l.Person.Name, "idNumber": id,
				"level": levelsZH[string(l.Level)], "paid": transfer.FormatBool(l.Paid())}
			if l.Amount != nil {
				row["rate"] = l.Amount.String()
			}
			if l.Payment != nil {
				row["amount"] = l.Payment.Amount.String()
				row["payer"] = payersZH[string(l.Payment.Payer)]
			}
			if err := emit(row); err != nil {
				return err
			}
		}
		if !p.PageInfo.HasNextPage {
			return nil
		}
		after = &entgql.Cursor[int]{ID: p.PageInfo.EndCursor.ID}
	}
}
