// Package facts keeps the facts that indicators read instead of deriving them per query, and
// checks them against the registers. A kept fact has one definition (a pure rule function), is
// written by the ent hooks in the same transaction as the change that moves it, is filled for
// existing databases by a data upgrade (see internal/store), and is recomputed from the registers
// by Check (swtalent check-facts).
//
// The first fact is the certified workforce: CertifiedSpan rows, the intervals in which a person
// is certified ([workforce.Spans]), so that "certified at D in region subtree R" is an index
// range count ([CountCertified]) instead of a scan of every person with a correlated subquery
// over their certificates ([workforce.CertifiedAt], kept as the reference).
package facts
