// Platform: import jobs (not a module).

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ImportJob is one spreadsheet import run in the background (导入任务): its state, how far it has
// come and, once finished, its report. The running server writes it; the API reads it through
// importJob and /import/jobs/{id}, the owner and ADMINs only. Finished jobs are pruned after a
// day. It is bookkeeping, not a register: not audited, not in the GraphQL node graph.
type ImportJob struct{ ent.Schema }

// Mixin of ImportJob.
func (ImportJob) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, PolicyMixin{Entity: "ImportJob"}}
}

// Fields of ImportJob.
func (ImportJob) Fields() []ent.Field {
	return []ent.Field{
		field.String("kind").
			Immutable().
			Comment("The kind of sheet imported (persons …)."),
		field.Int("owner_id").
			Optional().
			Immutable().
			Comment("Account that uploaded the file; 0 for the system (command line)."),
		field.String("owner").
			Default("").
			Immutable().
			Comment("Username of the account that uploaded the file."),
		field.Bool("dry_run").
			Default(false).
			Immutable().
			Comment("The file is checked and nothing is kept."),
		field.Enum("state").
			Values("VALIDATING", "WRITING", "UNDOING", "DONE", "FAILED", "CANCELLED").
			Default("VALIDATING").
			Comment("VALIDATING: rows are checked, nothing is written; WRITING: rows are written in bounded transactions; UNDOING: a failed or cancelled job takes its rows back; DONE, FAILED, CANCELLED: finished."),
		field.Int("rows_total").
			Optional().
			Nillable().
			Comment("Data rows in the file; unknown until every row is checked."),
		field.Int("rows_checked").
			Default(0).
			Comment("Rows checked so far."),
		field.Int("rows_written").
			Default(0).
			Comment("Rows written so far (taken back again when the job fails)."),
		field.Text("errors").
			Default("[]").
			Comment("JSON list of the refused rows so far (transfer.RowError)."),
		field.Int("more_errors").
			Default(0).
			Comment("Refused rows beyond the listed ones."),
		field.Text("report").
			Optional().
			Comment("JSON import report once the job is finished (transfer.Report)."),
		field.String("message").
			Default("").
			Comment("Why a job failed or was cancelled, when not a refused row (bilingual)."),
		field.Bool("cancel_requested").
			Default(false).
			Comment("Someone asked to cancel; the job stops at its next transaction."),
		field.Time("finished_at").
			Optional().
			Nillable().
			Comment("When the job finished."),
	}
}

// Indexes of ImportJob.
func (ImportJob) Indexes() []ent.Index {
	return []ent.Index{index.Fields("owner_id"), index.Fields("finished_at")}
}

// Annotations of ImportJob.
func (ImportJob) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A spreadsheet import run in the background (导入任务)."),
		entgql.Skip(entgql.SkipAll),
	}
}
