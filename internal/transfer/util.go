package transfer

import (
	"context"
	"errors"
)

// exportPage is how many records an export reads at a time.
const exportPage = 1000

// Pages reads a register page by page for an export: it calls read with the last ID seen (0
// first) and the page size until read returns 0 (a short page), stopping early when ctx ends.
func Pages(ctx context.Context, read func(after, limit int) (int, error)) error {
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

// PtrEqual compares two optional values.
func PtrEqual[T comparable](a, b *T) bool {
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
