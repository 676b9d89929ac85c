package graph

import (
	"runtime"
	"strings"

	"github.com/99designs/gqlgen/graphql"
)

// WithFieldHook returns opt with mw run around every field of every answer, after the API's own
// field middleware, for tests that observe or break field resolution.
func WithFieldHook(opt Options, mw graphql.FieldMiddleware) Options {
	opt.aroundFields = mw
	return opt
}

// WithCacheWindow returns opt with the response cache's window of lookups set to n, for tests
// of the cache stepping aside (see responseCache).
func WithCacheWindow(opt Options, n int) Options {
	opt.cacheWindow = n
	return opt
}

// GoroutineID returns the id of the calling goroutine, read from the first line of its stack
// ("goroutine 42 [running]:"), for tests that check where work runs.
func GoroutineID() string {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	id, _, _ := strings.Cut(strings.TrimPrefix(string(buf), "goroutine "), " ")
	return id
}
