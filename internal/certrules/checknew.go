package certrules

import (
	"fmt"

	"swtalent/internal/civil"
)

// CheckNew checks a registration r about to be recorded for a certificate passed on passedOn,
// given the certificate's existing registrations (when changing a recorded registration, leave
// it out of existing). It returns the first violation, or nil:
//
//   - "kind": Kind is FIRST or RENEWAL;
//   - "status": Status is one of the statuses;
//   - "registeredOn": a registration whose status counts has a registration date;
//   - "registeredOn": r is registered on or after passedOn;
//   - "validUntil": a ValidUntil given equals [ValidUntil](RegisteredOn);
//   - "kind": a FIRST only when no other FIRST exists (rejected ones aside, since a rejected
//     first registration is applied for again) and not after a counting registration;
//   - "kind": a RENEWAL only after (registered later than) a counting registration;
//   - "registeredOn": r's period does not overlap the period of a counting registration, except
//     that a RENEWAL may be registered inside the renewal window of the registration it renews.
//
// Registrations without a registration date take part only in the kind rules.
func CheckNew(passedOn civil.Date, existing []Registration, r Registration) *RuleError {
	if r.Kind != KindFirst && r.Kind != KindRenewal {
		return &RuleError{Field: "kind",
			ZH: fmt.Sprintf("登记类型 %q 无效，应为 FIRST 或 RENEWAL", r.Kind),
			EN: fmt.Sprintf("kind %q must be FIRST or RENEWAL", r.Kind)}
	}
	if !r.Status.Valid() {
		return &RuleError{Field: "status",
			ZH: fmt.Sprintf("登记状态 %q 无效", string(r.Status)),
			EN: fmt.Sprintf("status %q is not a registration status", string(r.Status))}
	}
	if r.Status.Counts() && !r.dated() {
		return &RuleError{Field: "registeredOn",
			ZH: "终审通过或已出证的登记须有登记日期",
			EN: "a registration that passed final review or was issued needs its registration date"}
	}
	if r.dated() && r.RegisteredOn.Before(passedOn) {
		return &RuleError{Field: "registeredOn",
			ZH: fmt.Sprintf("登记日期 %s 早于考试合格日期 %s", r.RegisteredOn, passedOn),
			EN: fmt.Sprintf("registered on %s, before the certificate was passed on %s", r.RegisteredOn, passedOn)}
	}
	if r.dated() && !r.ValidUntil.IsZero() && r.ValidUntil != ValidUntil(r.RegisteredOn) {
		return &RuleError{Field: "validUntil",
			ZH: fmt.Sprintf("有效期至应为 %s（登记后三年）", ValidUntil(r.RegisteredOn)),
			EN: fmt.Sprintf("validUntil must be %s, three years after registering", ValidUntil(r.RegisteredOn))}
	}
	if err := checkKind(existing, r); err != nil {
		return err
	}
	for _, e := range existing {
		if !e.Status.Counts() || !r.overlaps(e) {
			continue
		}
		if r.Kind == KindRenewal && !r.RegisteredOn.Before(RenewalOpens(e.end())) && !r.RegisteredOn.After(e.end()) {
			continue // the renewal of e, inside e's renewal window
		}
		return &RuleError{Field: "registeredOn",
			ZH: fmt.Sprintf("与已有登记期间重叠（%s 至 %s）", e.RegisteredOn, e.end()),
			EN: fmt.Sprintf("overlaps an existing registration (%s to %s)", e.RegisteredOn, e.end())}
	}
	return nil
}

// checkKind applies the rules on FIRST and RENEWAL to r.
func checkKind(existing []Registration, r Registration) *RuleError {
	if r.Kind == KindFirst {
		for _, e := range existing {
			if e.Kind == KindFirst && !e.Status.rejected() {
				return &RuleError{Field: "kind",
					ZH: "已有首次登记，应为再登记",
					EN: "a first registration already exists; this must be a renewal"}
			}
			if e.Status.Counts() && e.dated() && r.dated() && e.RegisteredOn.Before(r.RegisteredOn) {
				return &RuleError{Field: "kind",
					ZH: "首次登记不能晚于已有登记",
					EN: "a first registration cannot follow an existing registration"}
			}
		}
		return nil
	}
	for _, e := range existing {
		if e.Status.Counts() && (!r.dated() || e.dated() && e.RegisteredOn.Before(r.RegisteredOn)) {
			return nil
		}
	}
	return &RuleError{Field: "kind",
		ZH: "此前没有生效的登记，不能再登记",
		EN: "there is no earlier registration in force to renew"}
}
