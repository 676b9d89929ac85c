// Package perf holds the API's benchmarks at scale (go test -bench . ./graph/perf/) and the
// tests that keep a request's SQL statement count independent of its page sizes. The
// benchmarks run over a synthetic dataset: a fresh one of SWTALENT_BENCH_SCALE (county by
// default; province, national), or an existing database generated with `swtalent demo` named by
// SWTALENT_BENCH_DB (its data key in <db>.key or SWTALENT_DATA_KEY). With SWTALENT_TEST_POSTGRES
// set, the fresh dataset goes into a new PostgreSQL database instead of a SQLite file.
package perf
