package writeturn

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// One writer at a time per database; a writer gives up waiting when its context ends; another
// database has its own queue.
func TestTurns(t *testing.T) {
	db1, db2 := new(int), new(int)
	turn := For(db1)
	if For(db1) != turn || For(db2) == turn {
		t.Fatal("For must give one queue per database")
	}
	if err := turn.Take(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := turn.Take(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("taking a held turn with an ended context: %v", err)
	}
	if err := For(db2).Run(context.Background(), func() error { return nil }); err != nil {
		t.Fatalf("another database waits: %v", err)
	}
	turn.Done()
	var mu sync.Mutex
	inside, most := 0, 0
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = turn.Run(context.Background(), func() error {
				mu.Lock()
				inside++
				most = max(most, inside)
				mu.Unlock()
				mu.Lock()
				inside--
				mu.Unlock()
				return nil
			})
		}()
	}
	wg.Wait()
	if most != 1 {
		t.Errorf("%d writers at once", most)
	}
}
