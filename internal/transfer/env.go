package transfer

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/department"
	"swtalent/ent/region"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/pii"
	"swtalent/internal/validate"
)

// Env is what a kind works with during one import or export.
type Env struct {
	// Client reads the database; during Write it is the import's transaction.
	Client *ent.Client
	// Keyring hashes and decrypts personal data.
	Keyring *pii.Keyring
	// Today is the county's date, or the day a report is asked for (export --as-of, ?asOf=).
	Today civil.Date
	// Reveal shows personal data in full in an export (an audited ADMIN reveal).
	Reveal bool

	regions     map[string]*ent.Region
	agencies    map[string]*ent.Agency
	departments map[string]*ent.Department
}

// NewEnv returns an environment over client.
func NewEnv(client *ent.Client, today civil.Date) *Env {
	return &Env{Client: client, Keyring: client.Keyring, Today: today}
}

// Region returns the region with a 12-digit code, looked up once per import. A code that is not
// 12 digits, or that no region has, is an error on field.
func (e *Env) Region(ctx context.Context, field, code string) (*ent.Region, error) {
	code, err := validate.RegionCode(field, code)
	if err != nil {
		return nil, err
	}
	if r, ok := e.regions[code]; ok {
		if r == nil {
			return nil, errNoRegion(field)
		}
		return r, nil
	}
	if e.regions == nil {
		e.regions = map[string]*ent.Region{}
	}
	r, err := e.Client.Region.Query().Where(region.Code(code)).Only(ctx)
	if ent.IsNotFound(err) {
		e.regions[code] = nil
		return nil, errNoRegion(field)
	}
	if err != nil {
		return nil, fmt.Errorf("look up region: %w", err)
	}
	e.regions[code] = r
	return r, nil
}

// Agency returns the agency named by a credit code or, failing that, by its exact name, looked
// up once per import. An unknown or ambiguous agency is an error on field.
func (e *Env) Agency(ctx context.Context, field, ref string) (*ent.Agency, error) {
	if a, ok := e.agencies[ref]; ok {
		return a, nil
	}
	if e.agencies == nil {
		e.agencies = map[string]*ent.Agency{}
	}
	q := e.Client.Agency.Query()
	if code, err := validate.CreditCode(field, ref); err == nil {
		q.Where(agency.CreditCode(code))
	} else {
		q.Where(agency.Name(ref))
	}
	list, err := q.Limit(2).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("look up agency: %w", err)
	}
	switch len(list) {
	case 0:
		return nil, apperr.Invalid(field, "机构不存在（请填写统一社会信用代码或准确名称）", "no agency has this credit code or name")
	case 2:
		return nil, apperr.Invalid(field, "有多个同名机构，请填写统一社会信用代码", "several agencies have this name: give the credit code")
	}
	e.agencies[ref] = list[0]
	return list[0], nil
}

// Department returns the department with a short name (县民政局) or full name, looked up once per
// import. An unknown department is an error on field.
func (e *Env) Department(ctx context.Context, field, ref string) (*ent.Department, error) {
	if d, ok := e.departments[ref]; ok {
		return d, nil
	}
	if e.departments == nil {
		e.departments = map[string]*ent.Department{}
	}
	d, err := e.Client.Department.Query().Where(department.Or(department.ShortName(ref), department.Name(ref))).First(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid(field, "部门不存在（请填写部门简称或全称，如“县民政局”）", "no department has this short or full name")
	}
	if err != nil {
		return nil, fmt.Errorf("look up department: %w", err)
	}
	e.departments[ref] = d
	return d, nil
}

// Personal returns a stored (encrypted) personal value for an export: in full when revealed,
// else masked with mask.
func (e *Env) Personal(stored string, mask func(string) string) (string, error) {
	if stored == "" {
		return "", nil
	}
	plain, err := e.Keyring.Decrypt(stored)
	if err != nil {
		return "", fmt.Errorf("decrypt personal data: %w", err)
	}
	if e.Reveal || mask == nil {
		return plain, nil
	}
	return mask(plain), nil
}

// errNoRegion is the error of an unknown region code.
func errNoRegion(field string) error {
	return apperr.Invalid(field, "区划代码不存在（请先导入区划）", "no region has this code (import the regions first)")
}
