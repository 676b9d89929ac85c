package certrules_test

import (
	"testing"

	rules "swtalent/internal/certrules"
)

func TestCheckNew(t *testing.T) {
	passed := date("2022-01-10")
	first := reg(rules.KindFirst, rules.StatusIssued, "2023-01-10") // valid until 2026-01-09, window from 2025-10-10
	tests := []struct {
		name      string
		existing  []rules.Registration
		r         rules.Registration
		wantField string // "" for no error
	}{
		// First registration.
		{"first on the day of passing", nil, reg(rules.KindFirst, rules.StatusPending, "2022-01-10"), ""},
		{"first the day before passing", nil, reg(rules.KindFirst, rules.StatusPending, "2022-01-09"), "registeredOn"},
		{"late first is allowed", nil, reg(rules.KindFirst, rules.StatusIssued, "2023-06-01"), ""},
		{"undated first not yet applied", nil, rules.Registration{Kind: rules.KindFirst, Status: rules.StatusNotApplied}, ""},
		{"undated issued first", nil, rules.Registration{Kind: rules.KindFirst, Status: rules.StatusIssued}, "registeredOn"},
		{"second first", []rules.Registration{first}, reg(rules.KindFirst, rules.StatusPending, "2026-02-01"), "kind"},
		{"second first while the first is pending", []rules.Registration{reg(rules.KindFirst, rules.StatusPending, "2022-03-01")},
			reg(rules.KindFirst, rules.StatusPending, "2022-04-01"), "kind"},
		{"first again after a rejected one", []rules.Registration{reg(rules.KindFirst, rules.StatusFinalReviewRejected, "2022-03-01")},
			reg(rules.KindFirst, rules.StatusPending, "2022-04-01"), ""},
		{"first after a counting renewal", []rules.Registration{reg(rules.KindRenewal, rules.StatusIssued, "2023-01-10")},
			reg(rules.KindFirst, rules.StatusIssued, "2026-02-01"), "kind"},
		{"backfilled first before a counting renewal", []rules.Registration{reg(rules.KindRenewal, rules.StatusIssued, "2026-01-10")},
			reg(rules.KindFirst, rules.StatusIssued, "2023-01-10"), ""},

		// Renewal.
		{"renewal without any registration", nil, reg(rules.KindRenewal, rules.StatusPending, "2023-01-10"), "kind"},
		{"renewal of a pending first", []rules.Registration{reg(rules.KindFirst, rules.StatusPending, "2023-01-10")},
			reg(rules.KindRenewal, rules.StatusPending, "2025-11-01"), "kind"},
		{"renewal before the counting registration", []rules.Registration{first},
			reg(rules.KindRenewal, rules.StatusPending, "2022-06-01"), "kind"},
		{"renewal on the first day of the window", []rules.Registration{first}, reg(rules.KindRenewal, rules.StatusPending, "2025-10-10"), ""},
		{"renewal on the day of expiry", []rules.Registration{first}, reg(rules.KindRenewal, rules.StatusIssued, "2026-01-09"), ""},
		{"renewal after expiry", []rules.Registration{first}, reg(rules.KindRenewal, rules.StatusIssued, "2026-03-01"), ""},
		{"undated renewal not yet applied", []rules.Registration{first},
			rules.Registration{Kind: rules.KindRenewal, Status: rules.StatusNotApplied}, ""},

		// Overlap.
		{"renewal the day before the window overlaps", []rules.Registration{first},
			reg(rules.KindRenewal, rules.StatusPending, "2025-10-09"), "registeredOn"},
		{"renewal in the middle of the period overlaps", []rules.Registration{first},
			reg(rules.KindRenewal, rules.StatusPending, "2024-05-01"), "registeredOn"},
		{"second renewal in the same window overlaps the first renewal",
			[]rules.Registration{first, reg(rules.KindRenewal, rules.StatusIssued, "2025-11-01")},
			reg(rules.KindRenewal, rules.StatusPending, "2025-12-01"), "registeredOn"},
		{"renewal ending inside a later registration overlaps",
			[]rules.Registration{first, reg(rules.KindRenewal, rules.StatusIssued, "2027-01-01")},
			reg(rules.KindRenewal, rules.StatusPending, "2026-03-01"), "registeredOn"},
		{"overlap with a non-counting registration is fine",
			[]rules.Registration{first, reg(rules.KindRenewal, rules.StatusFinalReviewRejected, "2025-11-01")},
			reg(rules.KindRenewal, rules.StatusPending, "2025-12-01"), ""},
		{"renewal the day after expiry", []rules.Registration{first}, reg(rules.KindRenewal, rules.StatusPending, "2026-01-10"), ""},

		// Field values.
		{"unknown kind", nil, reg("INITIAL", rules.StatusPending, "2023-01-10"), "kind"},
		{"unknown status", nil, reg(rules.KindFirst, "APPROVED", "2023-01-10"), "status"},
		{"wrong validUntil", nil, rules.Registration{Kind: rules.KindFirst, Status: rules.StatusIssued,
			RegisteredOn: date("2023-01-10"), ValidUntil: date("2026-01-10")}, "validUntil"},
		{"zero validUntil is derived", nil, rules.Registration{Kind: rules.KindFirst, Status: rules.StatusIssued,
			RegisteredOn: date("2023-01-10")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := rules.CheckNew(passed, tt.existing, tt.r)
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("unexpected error %v (field %s)", err, err.Field)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want one on %s", tt.wantField)
			}
			if err.Field != tt.wantField {
				t.Errorf("Field = %q, want %q (%v)", err.Field, tt.wantField, err)
			}
			if err.ZH == "" || err.EN == "" || err.Error() != err.ZH+" / "+err.EN {
				t.Errorf("error text not bilingual: %q", err.Error())
			}
		})
	}
}

func TestCheckNewOverlapMessage(t *testing.T) {
	first := reg(rules.KindFirst, rules.StatusIssued, "2023-01-10")
	err := rules.CheckNew(date("2022-01-10"), []rules.Registration{first}, reg(rules.KindRenewal, rules.StatusPending, "2024-05-01"))
	if err == nil {
		t.Fatal("no error")
	}
	const zh, en = "与已有登记期间重叠（2023-01-10 至 2026-01-09）", "overlaps an existing registration (2023-01-10 to 2026-01-09)"
	if err.Field != "registeredOn" || err.ZH != zh || err.EN != en {
		t.Fatalf("got %+v", *err)
	}
}
