// Package civil provides calendar values without a time zone: [Date],
// [Month], reporting [Period]s, academic [Term]s and [Money] amounts in yuan,
// plus [FormatTime] and [ParseTime] for showing instants as RFC 3339 in UTC.
//
// Every type has one canonical text form, which is also its GraphQL scalar
// form and (except for Money) its stored form:
//
//	Date    2024-03-01
//	Month   2024-03
//	Period  2024, 2024-H1, 2024-Q3
//	Term    2025-1 (spring), 2025-2 (autumn)
//	Money   "350000.00" in GraphQL, int64 fen (分) in the database
//
// The text forms are zero-padded with four-digit years, so for Date, Month
// and Term the string order equals the calendar order. Years must lie in
// [MinYear, MaxYear]; anything else is rejected by the parsers.
//
// Each type implements:
//
//   - gqlgen's Marshaler/Unmarshaler (MarshalGQL, UnmarshalGQL), so it can be
//     bound as a custom scalar;
//   - database/sql/driver.Valuer and database/sql.Scanner, so ent can store it
//     with field.String(...).GoType(civil.Date{}) (field.Int64 for Money). The
//     stored form is the same on SQLite and PostgreSQL. Scan rejects NULL;
//     nullable columns use pointers (ent wraps them in sql.NullScanner);
//   - fmt.Stringer and encoding.TextMarshaler/TextUnmarshaler (hence JSON as a
//     string);
//   - a ParseX function.
//
// Values are plain comparable structs (or an int64 for Money), so == works,
// and they are ordered by Compare, Before and After.
//
// Parse and scan failures are *[Error] values whose message has the form
// "中文 / English" and quotes at most the offending value (truncated if long).
// The package uses only the standard library.
package civil
