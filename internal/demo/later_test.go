package demo

import (
	"fmt"
	"strings"
	"testing"

	"swtalent/ent"
	"swtalent/ent/certificateregistration"
	"swtalent/internal/civil"
)

// records prints the first persons, certificates and registrations of a world (all when n is
// nil), with every field the builder draws.
func records(t *testing.T, client *ent.Client, w *World, n *[3]int) string {
	t.Helper()
	count := [3]int{len(w.Persons), len(w.Certificates), len(w.Registrations)}
	if n != nil {
		count = *n
	}
	var b strings.Builder
	for _, p := range w.Persons[:count[0]] {
		fmt.Fprintln(&b, p.ID, p.Name, plain(t, client, p.IDNumber), plain(t, client, p.Phone), p.Roles, p.JoinedOn, p.LeftOn, *p.RegionID)
	}
	for _, c := range w.Certificates[:count[1]] {
		fmt.Fprintln(&b, c.ID, c.Number, c.Level, c.PassedOn, c.RevokedOn, c.HolderID)
	}
	for _, r := range w.Registrations[:count[2]] {
		fmt.Fprintln(&b, r.ID, r.Kind, r.Status, r.RegisteredOn, r.ValidUntil)
	}
	return b.String()
}

// A world generated for a day after the plan keeps the plan's period record for record and adds
// a year of ordinary activity dated after the anchor, up to the end of the month before the day.
func TestLaterActivity(t *testing.T) {
	until := civil.DateFor(2026, 12, 4)
	planClient, plan := buildWorld(t)
	client, w := buildWorldUntil(t, until)
	againClient, again := buildWorldUntil(t, until)

	if end := w.End(); end != civil.DateFor(2026, 11, 30) {
		t.Fatalf("End = %s, want 2026-11-30", end)
	}
	if plan.End() != plan.Anchor || len(plan.LaterYears()) != 0 {
		t.Errorf("the plan's world ends %s, later years %v", plan.End(), plan.LaterYears())
	}
	n := [3]int{len(plan.Persons), len(plan.Certificates), len(plan.Registrations)}
	if records(t, client, w, &n) != records(t, planClient, plan, nil) {
		t.Error("the records of the plan's period differ when the world goes on after it")
	}
	if records(t, client, w, nil) != records(t, againClient, again, nil) {
		t.Error("two builds for the same day differ")
	}

	after := func(what string, d *civil.Date) {
		t.Helper()
		if d == nil || !d.After(w.Anchor) || d.After(w.End()) {
			t.Errorf("%s on %v, want after %s and not after %s", what, d, w.Anchor, w.End())
		}
	}
	joiners := w.Persons[n[0]:]
	if len(joiners) != laterJoiners*11/12 {
		t.Errorf("%d people joined in 2026 up to November, want %d", len(joiners), laterJoiners*11/12)
	}
	for _, p := range joiners {
		after("person joined", p.JoinedOn)
	}
	certs := w.Certificates[n[1]:]
	if len(certs) != laterCertificates+laterUpgrades {
		t.Errorf("%d certificates passed in 2026, want %d", len(certs), laterCertificates+laterUpgrades)
	}
	for _, c := range certs {
		if c.PassedOn != ExamResultsDay(2026) || c.RevokedOn != nil {
			t.Errorf("certificate %s passed %s (revoked %v), want on the results day %s", c.Number, c.PassedOn, c.RevokedOn, ExamResultsDay(2026))
		}
	}
	if len(w.CertifiedAt(w.End())) <= len(plan.CertifiedAt(plan.Anchor)) {
		t.Errorf("certified: %d at %s, %d at the anchor", len(w.CertifiedAt(w.End())), w.End(), len(plan.CertifiedAt(plan.Anchor)))
	}
	kinds := map[certificateregistration.Kind]int{}
	for _, r := range w.Registrations[n[2]:] {
		if r.Status == certificateregistration.StatusISSUED {
			after("registered", r.RegisteredOn)
			kinds[r.Kind]++
		}
	}
	if kinds[certificateregistration.KindFIRST] == 0 || kinds[certificateregistration.KindRENEWAL] == 0 {
		t.Errorf("registrations issued in 2026: %v, want first registrations and renewals", kinds)
	}

	// Before the year's results day the year's certificates are not passed yet.
	_, early := buildWorldUntil(t, civil.DateFor(2026, 10, 31))
	for _, c := range early.Certificates[n[1]:] {
		t.Errorf("certificate passed %s in a world that ends %s", c.PassedOn, early.End())
	}
}
