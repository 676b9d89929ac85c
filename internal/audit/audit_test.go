package audit_test

import (
	"context"
	"testing"

	"swtalent/ent/privacy"
	"swtalent/internal/audit"
	"swtalent/internal/testdb"
	"swtalent/internal/viewer"
)

// Events recorded in a batch are written a thousand per statement when flushed, each with the
// viewer and request it was recorded with.
func TestBatchWritesEventsInBulk(t *testing.T) {
	db := testdb.Open(t)
	client, count := testdb.Counting(db)
	ctx := viewer.NewContext(audit.WithRequestID(context.Background(), "req-1"), &viewer.Viewer{AccountID: 7, Username: "clerk", Role: viewer.Staff})
	bctx, batch := audit.Collect(ctx)
	for i := 0; i < 2500; i++ {
		if err := audit.Record(bctx, client, audit.Event{Operation: audit.Create, Entity: "Person", EntityID: i + 1}); err != nil {
			t.Fatal(err)
		}
	}
	if n := count.N(); n != 0 {
		t.Fatalf("%d statements before the flush", n)
	}
	if err := batch.Flush(ctx, client); err != nil {
		t.Fatal(err)
	}
	if n := count.N(); n != 3 {
		t.Errorf("%d statements for 2,500 events, want 3", n)
	}
	sys := privacy.DecisionContext(context.Background(), privacy.Allow)
	events := db.Client.AuditEvent.Query().AllX(sys)
	if len(events) != 2500 {
		t.Fatalf("%d events written", len(events))
	}
	if e := events[0]; e.Actor != "clerk" || e.ActorID != 7 || e.Role != "STAFF" || e.RequestID != "req-1" || e.Entity != "Person" {
		t.Errorf("event %+v", e)
	}
	if err := batch.Flush(ctx, client); err != nil || count.N() != 3 {
		t.Errorf("a second flush wrote again: %v, %d statements", err, count.N())
	}
}
