package facts

import (
	"context"
	"fmt"
	"strings"

	entsql "entgo.io/ent/dialect/sql"
)

// Difference is a person whose kept spans differ from those the rule gives the registers.
type Difference struct {
	PersonID   int
	Kept, Want Kept
}

// String describes the difference for the console.
func (d Difference) String() string {
	return fmt.Sprintf("certified spans of person %d: kept %s, registers give %s", d.PersonID, describe(d.Kept), describe(d.Want))
}

// describe writes spans as "[2019-05-01, 2023-01-01) ASSISTANT in 360101000000".
func describe(k Kept) string {
	if len(k.Spans) == 0 {
		return "none"
	}
	parts := make([]string, len(k.Spans))
	for i, s := range k.Spans {
		until := "…"
		if s.Until != nil {
			until = s.Until.String()
		}
		parts[i] = fmt.Sprintf("[%s, %s) %s", s.From, until, s.Level)
	}
	region := k.Region
	if region == "" {
		region = "no region"
	}
	return strings.Join(parts, ", ") + " in " + region
}

// CheckReport is what Check found.
type CheckReport struct {
	Persons, Spans int          // persons read and spans the rule gives them
	Differing      int          // persons whose kept spans differ
	Differences    []Difference // the first maxDifferences of them
}

// maxDifferences bounds the differences a check keeps; Differing counts them all.
const maxDifferences = 100

// Check recomputes every kept fact from the registers with the one rule ([workforce.Spans]) and
// compares it with what is kept: each person whose kept spans differ is a Difference. It only
// reads.
func Check(ctx context.Context, db DB, b *entsql.DialectBuilder) (CheckReport, error) {
	var rep CheckReport
	err := sweep(ctx, db, b, func(c chunk) error {
		have, err := storedIn(ctx, db, b, c.After, c.Last)
		if err != nil {
			return err
		}
		rep.Persons += c.Persons
		for id, want := range c.Want {
			rep.Spans += len(want.Spans)
			if !want.Equal(have[id]) {
				rep.Differing++
				if len(rep.Differences) < maxDifferences {
					rep.Differences = append(rep.Differences, Difference{PersonID: id, Kept: have[id], Want: want})
				}
			}
		}
		for id, k := range have {
			if _, ok := c.Want[id]; !ok { // spans of a person who no longer exists
				rep.Differing++
				if len(rep.Differences) < maxDifferences {
					rep.Differences = append(rep.Differences, Difference{PersonID: id, Kept: k})
				}
			}
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("check certified spans: %w", err)
	}
	return rep, nil
}
