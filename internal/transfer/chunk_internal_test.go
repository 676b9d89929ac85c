package transfer

import (
	"testing"
	"time"
)

// The next write transaction aims at chunkTime, moving at most by half or double, within 10 and
// the kind's batch size.
func TestNextChunk(t *testing.T) {
	tests := []struct {
		size, n int
		took    time.Duration
		want    int
	}{
		{1000, 1000, chunkTime, 1000},    // on target
		{1000, 1000, 4 * chunkTime, 500}, // far too slow: halve, no more
		{1000, 1000, 2 * chunkTime, 500}, // twice too slow
		{400, 400, chunkTime / 10, 800},  // far too fast: double, no more
		{800, 800, chunkTime / 2, 1000},  // capped by the batch size
		{20, 20, 10 * chunkTime, 10},     // never below 10
		{1000, 300, chunkTime / 2, 600},  // a short last batch counts its own rows
		{1000, 1000, 0, 1000},            // unmeasurable: the batch size
	}
	for _, tt := range tests {
		if got := nextChunk(tt.size, tt.n, tt.took, 1000); got != tt.want {
			t.Errorf("nextChunk(%d, %d, %s) = %d, want %d", tt.size, tt.n, tt.took, got, tt.want)
		}
	}
}
