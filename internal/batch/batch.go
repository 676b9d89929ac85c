// Package batch loads a computed field for every record a request has loaded, in one query,
// instead of one query per record. Batching is by what the request has seen, not by timing: a
// query interceptor notes the IDs of the records a request loads, and the first Get loads the
// values of all of them that are not loaded yet.
package batch

import (
	"context"
	"sync"
)

// Fetch loads the values of several records in one query; a record missing from the map has the
// zero value.
type Fetch[V any] func(ctx context.Context, ids []int) (map[int]V, error)

// Loader batches one computed field within one request. It is safe for concurrent use.
type Loader[V any] struct {
	fetch Fetch[V]
	load  sync.Mutex // one fetch at a time; held while querying, so not the lock below
	mu    sync.Mutex // guards seen and cache; Note takes it while a fetch runs
	seen  map[int]bool
	cache map[int]V
}

// New returns a loader that fetches with f.
func New[V any](f Fetch[V]) *Loader[V] {
	return &Loader[V]{fetch: f, seen: map[int]bool{}, cache: map[int]V{}}
}

// Note records records the request has loaded, so the next fetch includes them.
func (l *Loader[V]) Note(ids ...int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range ids {
		l.seen[id] = true
	}
}

// Get returns the value of one record, fetching it with every noted record not fetched yet.
func (l *Loader[V]) Get(ctx context.Context, id int) (V, error) {
	l.load.Lock()
	defer l.load.Unlock()
	l.mu.Lock()
	v, done := l.cache[id]
	ids := []int{id}
	for other := range l.seen {
		if _, ok := l.cache[other]; !ok && other != id {
			ids = append(ids, other)
		}
	}
	l.mu.Unlock()
	if done {
		return v, nil
	}
	got, err := l.fetch(ctx, ids)
	if err != nil {
		var zero V
		return zero, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range ids {
		l.cache[id] = got[id]
	}
	return l.cache[id], nil
}
