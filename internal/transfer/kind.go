package transfer

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Column is one column of a kind's sheet.
type Column struct {
	// Key is the column's name in code and in error fields: the API's field name (idNumber).
	Key string
	// ZH is the header as clerks write it (身份证号); exports and templates use it.
	ZH string
	// Aliases are other headers accepted on import (English names, common variants).
	Aliases []string
	// Required columns must be present in the header and filled in every row.
	Required bool
	// Mask, when set, marks a personal column: values are masked with it in error reports and,
	// unless revealed, in exports.
	Mask func(string) string
	// Fields lists other error fields (as hooks and verbs name them) reported at this column.
	Fields []string
	// Example is the template's example value.
	Example string
	// Note explains the column in the template's header comment (formats, allowed values).
	Note string
}

// Counts tells what a write did.
type Counts struct {
	Created, Updated, Unchanged int
}

// Add sums counts.
func (c *Counts) Add(o Counts) {
	c.Created += o.Created
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
}

// Kind is one kind of sheet: a register to import and export, or a report to export.
//
// Import runs Parse on every row and Resolve on batches of records (as the rows are read, or
// after Order when the kind has one), both before anything is
// written and both outside the write transaction; then, if no row failed, Write on batches
// inside one transaction. Errors name a column by Column.Key (apperr.Error.Field); errors of a
// batch name their record with At.
type Kind struct {
	// Name is the command-line and URL name (persons, service-points).
	Name string
	// TitleZH names the sheet (人员).
	TitleZH string
	// Columns in sheet order.
	Columns []Column
	// KeyColumn is the column a duplicate natural key is reported at.
	KeyColumn string
	// BatchSize is how many records Resolve and Write get at once; DefaultBatchSize when 0.
	BatchSize int
	// Entity is the ent type whose rows the sheet lists or writes. Its privacy policy decides
	// which roles may export the sheet (those who read the entity, each seeing its own scope)
	// and import it (those who write it, each only inside its scope). "" for a report only
	// STAFF and ADMIN may export.
	Entity string

	// Parse checks one row on its own and returns its record: Key is the natural key (unique in
	// a file), Data what Resolve and Write need. It may read the database through env (cached
	// look-ups such as regions), never write. nil for export-only kinds.
	Parse func(ctx context.Context, env *Env, row Row) (*Record, error)
	// Order, optional, sorts the parsed records before they are resolved and written (parents
	// before children).
	Order func(recs []*Record)
	// Resolve, optional, checks a batch against the database (references by natural key) and
	// completes the records' Data. It must not write.
	Resolve func(ctx context.Context, env *Env, batch []*Record) error
	// Write upserts a batch by natural key through env.Client (the transaction's) and says what
	// it did. A record equal to the stored one is left alone.
	Write func(ctx context.Context, env *Env, batch []*Record) (Counts, error)

	// Export writes the kind's rows, each a map from column key to cell text. nil for
	// import-only kinds.
	Export func(ctx context.Context, env *Env, emit func(map[string]string) error) error
}

// DefaultBatchSize is the batch size of kinds that set none: large enough for fast bulk inserts,
// small enough for SQLite's limit of 32766 parameters per statement with 30 columns.
const DefaultBatchSize = 1000

// Importable reports whether the kind can be imported.
func (k *Kind) Importable() bool { return k.Parse != nil && k.Write != nil }

// Exportable reports whether the kind can be exported.
func (k *Kind) Exportable() bool { return k.Export != nil }

// Headers returns the Chinese headers in order.
func (k *Kind) Headers() []string {
	out := make([]string, len(k.Columns))
	for i, c := range k.Columns {
		out[i] = c.ZH
	}
	return out
}

// Record is one parsed row.
type Record struct {
	// Row is the sheet row number.
	Row int
	// Key is the natural key; rows with equal keys are duplicates.
	Key string
	// Data is the kind's parsed values.
	Data any
	// cells keeps the row's text for error reports.
	cells Row
}

// Registry holds the kinds by name. Build it once at start-up; it is read-only afterwards.
type Registry struct {
	kinds map[string]*Kind
}

// NewRegistry returns a registry holding kinds; it panics on a repeated or empty name, a
// programming error.
func NewRegistry(kinds ...*Kind) *Registry {
	r := &Registry{kinds: map[string]*Kind{}}
	for _, k := range kinds {
		r.Register(k)
	}
	return r
}

// Register adds a kind; it panics on a repeated or empty name, a programming error.
func (r *Registry) Register(k *Kind) {
	if k == nil || k.Name == "" {
		panic("transfer: kind without a name")
	}
	if _, dup := r.kinds[k.Name]; dup {
		panic(fmt.Sprintf("transfer: kind %q registered twice", k.Name))
	}
	r.kinds[k.Name] = k
}

// Lookup returns the kind with the name, or nil.
func (r *Registry) Lookup(name string) *Kind {
	return r.kinds[strings.ToLower(strings.TrimSpace(name))]
}

// Names lists the kinds' names, sorted; import only those importable when importable is set.
func (r *Registry) Names(importable bool) []string {
	var out []string
	for name, k := range r.kinds {
		if !importable || k.Importable() {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
