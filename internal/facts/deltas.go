package facts

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"database/sql"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/factdelta"
	"swtalent/ent/schema/enum"
	"swtalent/internal/factdata"
)

// DeltaKey names one row of the kept deltas (fact_deltas).
type DeltaKey struct {
	Fact enum.Fact
	// County is CountyOf the spans' region code, or ProvinceOf it for the province's row.
	County string
	Level  string // the spans' level, "" when none
	Year   int
}

// Tally sums span weights per delta row: +weight in the year a span starts, -weight in the year
// it ends. Rows that sum to zero are as good as absent. Every span is summed twice: in its
// county's row and in its province's, so that a province or the whole country reads one row per
// province (about 30) instead of one per county (about 2,800; on PostgreSQL 52,000 rows of a
// fact, 55 ms a sum under load, against the 31 a province row needs).
type Tally map[DeltaKey]int

// CountyOf returns the county code a region code's spans are summed under in the deltas: its
// first six digits and six zeros, or "" for no region.
func CountyOf(region string) string {
	if len(region) < 6 {
		return ""
	}
	return region[:6] + "000000"
}

// provinceMark starts the county column of a province's delta rows. It sorts after every digit,
// so no range of region codes (a county, a prefecture: validate.RegionSubtreeRange) holds a
// province row, and a province row is never summed with its counties.
const provinceMark = "P"

// ProvinceOf returns the key a region code's spans are summed under in its province's delta
// rows: provinceMark and the code's first two digits, or "" for no region (whose spans have no
// province row: their county row, "", is summed at the whole country).
func ProvinceOf(region string) string {
	if len(region) < 2 {
		return ""
	}
	return provinceMark + region[:2]
}

// Add counts the spans of k, with sign +1 (spans written) or -1 (spans removed), in the rows of
// their county and of their province.
func (t Tally) Add(k Kept, sign int) {
	rows := rowsOf(k.Region)
	for fact, spans := range k.Spans {
		t.addIn(fact, rows, spans, sign)
	}
}

// add counts spans of fact filed under the region code in the rows of its county and of its
// province.
func (t Tally) add(fact enum.Fact, region string, spans []factdata.Span, sign int) {
	t.addIn(fact, rowsOf(region), spans, sign)
}

// rowsOf returns the delta rows a region code's spans are summed in: its county's and its
// province's.
func rowsOf(region string) []string {
	rows := []string{CountyOf(region)}
	if p := ProvinceOf(region); p != "" {
		rows = append(rows, p)
	}
	return rows
}

// addIn counts spans of fact in the delta rows named.
func (t Tally) addIn(fact enum.Fact, rows []string, spans []factdata.Span, sign int) {
	for _, s := range spans {
		for _, row := range rows {
			t[DeltaKey{fact, row, string(s.Level), s.From.Year}] += sign * s.Weight
			if s.Until != nil {
				t[DeltaKey{fact, row, string(s.Level), s.Until.Year}] -= sign * s.Weight
			}
		}
	}
}

// addCounties is Add in the county rows alone, for a sweep that adds the province rows once
// at the end (withProvinces): half the map updates of Add, which were the largest cost of the
// backfill's writer after SQLite itself (26 s of 13.6 M spans). A code too short to name a county
// but long enough to name a province is counted in both at once, as Add does.
func (t Tally) addCounties(k Kept, sign int) {
	if len(k.Region) < 6 {
		t.Add(k, sign)
		return
	}
	rows := []string{CountyOf(k.Region)}
	for fact, spans := range k.Spans {
		t.addIn(fact, rows, spans, sign)
	}
}

// withProvinces adds every county row that addCounties counted to its province's row, so that
// the tally is what Add would have made.
func (t Tally) withProvinces() {
	prov := Tally{}
	for k, v := range t {
		if len(k.County) >= 6 && !strings.HasPrefix(k.County, provinceMark) {
			k.County = ProvinceOf(k.County)
			prov[k] += v
		}
	}
	for k, v := range prov {
		t[k] += v
	}
}

// ProvinceRows writes every province's delta rows again as the sums of its counties' rows: the
// data upgrade of databases whose deltas were kept before the province rows. It deletes the
// province rows first, so running it again changes nothing.
func ProvinceRows(ctx context.Context, db DB) error {
	for _, q := range []string{
		`DELETE FROM fact_deltas WHERE county_code >= '` + provinceMark + `'`,
		`INSERT INTO fact_deltas (fact, county_code, level, year, delta)
		SELECT fact, '` + provinceMark + `' || SUBSTR(county_code, 1, 2), level, year, SUM(delta) FROM fact_deltas
		WHERE county_code <> '' AND county_code < '` + provinceMark + `'
		GROUP BY fact, SUBSTR(county_code, 1, 2), level, year`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("province deltas: %w", err)
		}
	}
	return nil
}

// nonZero returns the keys whose sum is not zero, in a stable order.
func (t Tally) nonZero() []DeltaKey {
	keys := make([]DeltaKey, 0, len(t))
	for k, v := range t {
		if v != 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b DeltaKey) int {
		return cmp.Or(strings.Compare(string(a.Fact), string(b.Fact)), strings.Compare(a.County, b.County),
			strings.Compare(a.Level, b.Level), cmp.Compare(a.Year, b.Year))
	})
	return keys
}

// addDelta is the conflict clause that adds an upserted delta to the one kept.
func addDelta() entsql.ConflictOption {
	return entsql.ResolveWith(func(u *entsql.UpdateSet) {
		u.Add(factdelta.FieldDelta, entsql.Expr(entsql.Dialect(u.Dialect()).Table("excluded").C(factdelta.FieldDelta)))
	})
}

// deltaConflict is the unique key of the deltas.
func deltaConflict() entsql.ConflictOption {
	return entsql.ConflictColumns(factdelta.FieldFact, factdelta.FieldCountyCode, factdelta.FieldLevel, factdelta.FieldYear)
}

// applyTally adds the tally to the kept deltas through an ent client (inside a mutation: its
// transaction's client).
func applyTally(ctx context.Context, client *ent.Client, t Tally) error {
	keys := t.nonZero()
	for len(keys) > 0 {
		part := keys[:min(len(keys), deltaBatch)]
		keys = keys[len(part):]
		creates := make([]*ent.FactDeltaCreate, len(part))
		for i, k := range part {
			creates[i] = client.FactDelta.Create().SetFact(k.Fact).SetCountyCode(k.County).SetLevel(k.Level).
				SetYear(k.Year).SetDelta(t[k])
		}
		if err := client.FactDelta.CreateBulk(creates...).OnConflict(deltaConflict(), addDelta()).Exec(ctx); err != nil {
			return fmt.Errorf("fact deltas: %w", err)
		}
	}
	return nil
}

// deltaBatch is the number of delta rows per statement: 5 values each, under SQLite's limit of
// 32,766 bound values.
const deltaBatch = 5000

// deltaColumns are the columns WriteDeltas fills.
var deltaColumns = []string{factdelta.FieldFact, factdelta.FieldCountyCode, factdelta.FieldLevel, factdelta.FieldYear, factdelta.FieldDelta}

// WriteDeltas adds the tally to the kept deltas with plain SQL (the backfill, the generator).
func WriteDeltas(ctx context.Context, db DB, b *entsql.DialectBuilder, t Tally) error {
	keys := t.nonZero()
	for len(keys) > 0 {
		part := keys[:min(len(keys), deltaBatch)]
		keys = keys[len(part):]
		ins := b.Insert(factdelta.Table).Columns(deltaColumns...)
		for _, k := range part {
			ins.Values(string(k.Fact), k.County, k.Level, k.Year, t[k])
		}
		ins.OnConflict(deltaConflict(), addDelta())
		q, args := ins.Query()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("write fact deltas: %w", err)
		}
	}
	return nil
}

// storedDeltas reads every kept delta row that is not zero.
func storedDeltas(ctx context.Context, db DB, b *entsql.DialectBuilder) (Tally, error) {
	q, args := b.Select(deltaColumns...).From(b.Table(factdelta.Table)).Where(entsql.NEQ(factdelta.FieldDelta, 0)).Query()
	out := Tally{}
	err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			k DeltaKey
			f string
			v int
		)
		if err := rows.Scan(&f, &k.County, &k.Level, &k.Year, &v); err != nil {
			return err
		}
		k.Fact = enum.Fact(f)
		out[k] += v
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read fact deltas: %w", err)
	}
	return out, nil
}
