package transfer_test

import (
	"os"
	"strconv"
	"testing"
	"time"

	"swtalent/internal/transfer"
)

// BenchmarkImportPersons imports 100,000 persons and then their 100,000 certificates into a
// fresh database per iteration and reports rows per second for each sheet and overall.
func BenchmarkImportPersons(b *testing.B) {
	n := benchSize()
	persons, certs := csvOf(personRows(n)), csvOf(certificateRows(n))
	b.ResetTimer()
	var pt, ct time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := openDB(b)
		b.StartTimer()
		start := time.Now()
		mustImport(b, db, transfer.Persons(), persons)
		pt += time.Since(start)
		start = time.Now()
		mustImport(b, db, transfer.Certificates(), certs)
		ct += time.Since(start)
	}
	b.ReportMetric(float64(n*b.N)/pt.Seconds(), "persons/s")
	b.ReportMetric(float64(n*b.N)/ct.Seconds(), "certificates/s")
	b.ReportMetric(float64(2*n*b.N)/(pt+ct).Seconds(), "rows/s")
}

// benchSize is 100,000 rows, or SWTALENT_BENCH_ROWS for a quicker run.
func benchSize() int {
	if v, err := strconv.Atoi(os.Getenv("SWTALENT_BENCH_ROWS")); err == nil && v > 0 {
		return v
	}
	return 100_000
}
