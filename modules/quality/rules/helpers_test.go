package rules_test

import (
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
)

// date parses a YYYY-MM-DD test date, panicking on a typo.
func date(s string) civil.Date {
	d, err := civil.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// datep returns a pointer to the parsed date.
func datep(s string) *civil.Date {
	d := date(s)
	return &d
}

// reg returns a registration of kind and status made on registeredOn (ValidUntil derived).
func reg(kind string, status certrules.RegistrationStatus, registeredOn string) certrules.Registration {
	return certrules.Registration{Kind: kind, Status: status, RegisteredOn: date(registeredOn)}
}
