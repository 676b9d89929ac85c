package demo

import (
	"context"
	"fmt"
)

// addUniversity creates the partner university, a public institution whose credit code starts
// with 12.
func (b *builder) addUniversity(ctx context.Context) error {
	u, err := b.Client.University.Create().
		SetDemo(true).
		SetName("上饶师范学院").
		SetCreditCode(creditCode(b.Rand, "12361100", make(map[string]bool))).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("create university: %w", err)
	}
	b.Universities = append(b.Universities, u)
	return nil
}
