package transfer

import (
	"context"
	"errors"
)

// exportPage is how many records an export reads at a time.
const exportPage = 1000

// pages calls read with the last ID seen (0 first) until it returns 0.
func pages(ctx context.Context, read func(after, limit int) (int, error)) error {
	after := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		next, err := read(after, exportPage)
		if err != nil || next == 0 {
			return err
		}
		after = next
	}
}

// ptrEqual compares two optional values.
func ptrEqual[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// toStrings converts a tag set to strings.
func toStrings[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// joinErrors joins a row's errors (one per cell).
func joinErrors(errs []error) error { return errors.Join(errs...) }
