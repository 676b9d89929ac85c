package batch

import (
	"context"
	"slices"
	"sync"
	"testing"
)

func TestGetFetchesEveryNotedRecordOnce(t *testing.T) {
	var calls [][]int
	l := New(func(_ context.Context, ids []int) (map[int]int, error) {
		calls = append(calls, slices.Sorted(slices.Values(ids)))
		out := map[int]int{}
		for _, id := range ids {
			if id != 3 {
				out[id] = id * 10
			}
		}
		return out, nil
	})
	l.Note(1, 2, 3)
	for _, id := range []int{2, 1, 3, 2} {
		v, err := l.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		want := id * 10
		if id == 3 {
			want = 0 // missing from the fetch: the zero value
		}
		if v != want {
			t.Errorf("Get(%d) = %d, want %d", id, v, want)
		}
	}
	l.Note(4)
	if v, _ := l.Get(context.Background(), 4); v != 40 {
		t.Errorf("Get(4) = %d, want 40", v)
	}
	if want := [][]int{{1, 2, 3}, {4}}; !slices.EqualFunc(calls, want, slices.Equal) {
		t.Errorf("fetches = %v, want %v", calls, want)
	}
}

func TestConcurrentGetAndNote(t *testing.T) {
	l := New(func(_ context.Context, ids []int) (map[int]int, error) {
		out := map[int]int{}
		for _, id := range ids {
			out[id] = id
		}
		return out, nil
	})
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(2)
		go func() { defer wg.Done(); l.Note(i) }()
		go func() {
			defer wg.Done()
			if v, err := l.Get(context.Background(), i); err != nil || v != i {
				t.Errorf("Get(%d) = %d, %v", i, v, err)
			}
		}()
	}
	wg.Wait()
}
