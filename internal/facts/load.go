package facts

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
	"swtalent/ent/examapplication"
	"swtalent/ent/person"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/ent/supervisorqualification"
	"swtalent/ent/training"
	"swtalent/ent/trainingrecord"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
)

// The registers are loaded for every fact at once, in one of two ways that give the same
// [factdata.Person]: through ent for a few persons inside a mutation's transaction (load), and
// with plain SQL for a range of person ids (loadRange: the backfill's and check-facts' sweep,
// which runs before any ent client exists). The property test compares what the hooks kept
// through the first with what check-facts recomputes through the second.

// load reads the registers of the persons ids through ent; a person who does not exist is absent.
func load(ctx context.Context, client *ent.Client, ids []int) (map[int]*factdata.Person, error) {
	persons, err := client.Person.Query().Where(person.IDIn(ids...)).
		WithRegion().
		Select(person.FieldID, person.FieldLeftOn, person.FieldRegionID, person.FieldSocialWorkDegree, person.FieldRoles).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read persons: %w", err)
	}
	out := make(map[int]*factdata.Person, len(persons))
	for _, p := range persons {
		d := &factdata.Person{ID: p.ID, Left: p.LeftOn, Roles: p.Roles,
			DegreeCompleted: p.SocialWorkDegree == person.SocialWorkDegreeCOMPLETED}
		if p.Edges.Region != nil {
			d.Region = p.Edges.Region.Code
		}
		out[p.ID] = d
	}
	certs, err := client.Certificate.Query().Where(certificate.HolderIDIn(ids...)).
		WithRegistrations(func(q *ent.CertificateRegistrationQuery) { q.Order(ent.Asc(certificateregistration.FieldID)) }).
		Order(ent.Asc(certificate.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read certificates: %w", err)
	}
	for _, c := range certs {
		d := out[c.HolderID]
		if d == nil {
			continue
		}
		x := factdata.Certificate{ID: c.ID, Level: c.Level, Passed: c.PassedOn, Revoked: c.RevokedOn}
		for _, r := range c.Edges.Registrations {
			x.Registrations = append(x.Registrations, factdata.Registration{Kind: string(r.Kind), Status: string(r.Status),
				RegisteredOn: r.RegisteredOn, ValidUntil: r.ValidUntil})
		}
		d.Certificates = append(d.Certificates, x)
	}
	records, err := client.TrainingRecord.Query().
		Where(func(s *entsql.Selector) { s.Where(entsql.InInts(s.C(trainingrecord.PersonColumn), ids...)) }).
		WithPerson(func(q *ent.PersonQuery) { q.Select(person.FieldID) }).
		WithTraining(func(q *ent.TrainingQuery) {
			q.Select(training.FieldKind, training.FieldHours, training.FieldEndsOn)
		}).
		Order(ent.Asc(trainingrecord.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read training records: %w", err)
	}
	for _, r := range records {
		if r.Edges.Person == nil || r.Edges.Training == nil || out[r.Edges.Person.ID] == nil {
			continue
		}
		t := r.Edges.Training
		d := out[r.Edges.Person.ID]
		d.Training = append(d.Training, factdata.TrainingRecord{Status: string(r.Status), Hours: r.Hours,
			TrainingKind: string(t.Kind), TrainingHours: t.Hours, TrainingEnds: t.EndsOn})
	}
	// The qualifications by their person column (its index), not through the edge predicate,
	// which ent writes as a correlated EXISTS per qualification.
	quals, err := client.SupervisorQualification.Query().
		Where(func(s *entsql.Selector) { s.Where(entsql.InInts(s.C(supervisorqualification.PersonColumn), ids...)) }).
		WithPerson(func(q *ent.PersonQuery) { q.Select(person.FieldID) }).
		Order(ent.Asc(supervisorqualification.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read supervisor qualifications: %w", err)
	}
	for _, q := range quals {
		if q.Edges.Person == nil || out[q.Edges.Person.ID] == nil {
			continue
		}
		d := out[q.Edges.Person.ID]
		d.Qualifications = append(d.Qualifications, factdata.Qualification{Granted: q.GrantedOn, Revoked: q.RevokedOn})
	}
	// The exam applications by their person column (its index), as the qualifications.
	apps, err := client.ExamApplication.Query().
		Where(func(s *entsql.Selector) { s.Where(entsql.InInts(s.C(examapplication.PersonColumn), ids...)) }).
		WithPerson(func(q *ent.PersonQuery) { q.Select(person.FieldID) }).
		Select(examapplication.FieldExamYear, examapplication.FieldLevel, examapplication.FieldOutcome).
		Order(ent.Asc(examapplication.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read exam applications: %w", err)
	}
	for _, a := range apps {
		if a.Edges.Person == nil || out[a.Edges.Person.ID] == nil {
			continue
		}
		d := out[a.Edges.Person.ID]
		d.Exams = append(d.Exams, factdata.ExamApplication{Year: a.ExamYear, Level: a.Level, Outcome: string(a.Outcome)})
	}
	return out, nil
}

// idsPerRead is the number of ids of one IN list of loadRange, under SQLite's limit of 32,766
// bound values.
const idsPerRead = 10_000

// regionCodes reads the code of every region by id, for loadRange: a sweep reads them once
// instead of joining each chunk's persons to their regions (on PostgreSQL a probe of the regions
// per person, 285–358 ms of each chunk of 20,000 at national scale).
func regionCodes(ctx context.Context, db DB, b *entsql.DialectBuilder) (map[int]string, error) {
	q, args := b.Select(region.FieldID, region.FieldCode).From(b.Table(region.Table)).Query()
	out := map[int]string{}
	err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			id   int
			code string
		)
		if err := rows.Scan(&id, &code); err != nil {
			return err
		}
		out[id] = code
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read region codes: %w", err)
	}
	return out, nil
}

// loadRange reads the registers of the persons with ids in (after, after+limit persons] with plain
// SQL, in id order, and returns them with the largest id read (after when none). codes are the
// regions' codes by id (regionCodes).
func loadRange(ctx context.Context, db DB, b *entsql.DialectBuilder, codes map[int]string, after, limit int) ([]*factdata.Person, error) {
	p := b.Table(person.Table).As("p")
	q, args := b.Select(p.C(person.FieldID), p.C(person.FieldLeftOn), p.C(person.FieldRegionID), p.C(person.FieldSocialWorkDegree), p.C(person.FieldRoles)).
		From(p).
		Where(entsql.GT(p.C(person.FieldID), after)).
		OrderBy(p.C(person.FieldID)).Limit(limit).Query()
	var out []*factdata.Person
	byID := map[int]*factdata.Person{}
	err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			d      factdata.Person
			left   sql.Null[civil.Date]
			within sql.NullInt64
			degree string
			roles  []byte
		)
		if err := rows.Scan(&d.ID, &left, &within, &degree, &roles); err != nil {
			return err
		}
		if left.Valid {
			d.Left = &left.V
		}
		if within.Valid {
			d.Region = codes[int(within.Int64)]
		}
		d.DegreeCompleted = degree == string(person.SocialWorkDegreeCOMPLETED)
		if len(roles) > 0 {
			if err := json.Unmarshal(roles, &d.Roles); err != nil {
				return fmt.Errorf("roles of person %d: %w", d.ID, err)
			}
		}
		out = append(out, &d)
		byID[d.ID] = &d
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read persons: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	last := out[len(out)-1].ID
	c := b.Table(certificate.Table).As("c")
	inRange := func(col string) *entsql.Predicate {
		return entsql.And(entsql.GT(col, after), entsql.LTE(col, last))
	}
	q, args = b.Select(c.C(certificate.FieldID), c.C(certificate.FieldHolderID), c.C(certificate.FieldLevel),
		c.C(certificate.FieldPassedOn), c.C(certificate.FieldRevokedOn)).
		From(c).Where(inRange(c.C(certificate.FieldHolderID))).OrderBy(c.C(certificate.FieldID)).Query()
	certOf := map[int]*factdata.Person{}
	err = scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			x       factdata.Certificate
			holder  int
			level   string
			revoked sql.Null[civil.Date]
		)
		if err := rows.Scan(&x.ID, &holder, &level, &x.Passed, &revoked); err != nil {
			return err
		}
		x.Level = enum.CertificateLevel(level)
		if revoked.Valid {
			x.Revoked = &revoked.V
		}
		if d := byID[holder]; d != nil {
			d.Certificates = append(d.Certificates, x)
			certOf[x.ID] = d
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read certificates: %w", err)
	}
	addRegistration := func(rows *sql.Rows) error {
		var (
			cert      int
			x         factdata.Registration
			on, until sql.Null[civil.Date]
		)
		if err := rows.Scan(&cert, &x.Kind, &x.Status, &on, &until); err != nil {
			return err
		}
		if on.Valid {
			x.RegisteredOn = &on.V
		}
		if until.Valid {
			x.ValidUntil = &until.V
		}
		if d := certOf[cert]; d != nil {
			for i := range d.Certificates {
				if d.Certificates[i].ID == cert {
					d.Certificates[i].Registrations = append(d.Certificates[i].Registrations, x)
				}
			}
		}
		return nil
	}
	// The registrations of those certificates, by their ids: joined to the certificates of the
	// range instead, PostgreSQL (random_page_cost 4) hashed the whole registrations table for
	// every chunk, 540–730 ms a chunk at national scale against 13 ms for 10,000 ids.
	certIDs := slices.Sorted(maps.Keys(certOf))
	reg := b.Table(certificateregistration.Table).As("g")
	for len(certIDs) > 0 && err == nil {
		part := certIDs[:min(len(certIDs), idsPerRead)]
		certIDs = certIDs[len(part):]
		q, args = b.Select(reg.C(certificateregistration.CertificateColumn), reg.C(certificateregistration.FieldKind),
			reg.C(certificateregistration.FieldStatus), reg.C(certificateregistration.FieldRegisteredOn), reg.C(certificateregistration.FieldValidUntil)).
			From(reg).Where(entsql.InInts(reg.C(certificateregistration.CertificateColumn), part...)).
			OrderBy(reg.C(certificateregistration.FieldID)).Query()
		err = scan(ctx, db, q, args, addRegistration)
	}
	if err != nil {
		return nil, fmt.Errorf("read registrations: %w", err)
	}
	tr, t := b.Table(trainingrecord.Table).As("tr"), b.Table(training.Table).As("t")
	q, args = b.Select(tr.C(trainingrecord.PersonColumn), tr.C(trainingrecord.FieldStatus), tr.C(trainingrecord.FieldHours),
		t.C(training.FieldKind), t.C(training.FieldHours), t.C(training.FieldEndsOn)).
		From(tr).Join(t).On(tr.C(trainingrecord.TrainingColumn), t.C(training.FieldID)).
		Where(inRange(tr.C(trainingrecord.PersonColumn))).OrderBy(tr.C(trainingrecord.FieldID)).Query()
	err = scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			pid int
			x   factdata.TrainingRecord
		)
		if err := rows.Scan(&pid, &x.Status, &x.Hours, &x.TrainingKind, &x.TrainingHours, &x.TrainingEnds); err != nil {
			return err
		}
		if d := byID[pid]; d != nil {
			d.Training = append(d.Training, x)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read training records: %w", err)
	}
	sq := b.Table(supervisorqualification.Table).As("sq")
	q, args = b.Select(sq.C(supervisorqualification.PersonColumn), sq.C(supervisorqualification.FieldGrantedOn), sq.C(supervisorqualification.FieldRevokedOn)).
		From(sq).Where(inRange(sq.C(supervisorqualification.PersonColumn))).OrderBy(sq.C(supervisorqualification.FieldID)).Query()
	err = scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			pid     int
			x       factdata.Qualification
			revoked sql.Null[civil.Date]
		)
		if err := rows.Scan(&pid, &x.Granted, &revoked); err != nil {
			return err
		}
		if revoked.Valid {
			x.Revoked = &revoked.V
		}
		if d := byID[pid]; d != nil {
			d.Qualifications = append(d.Qualifications, x)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read supervisor qualifications: %w", err)
	}
	ea := b.Table(examapplication.Table).As("ea")
	q, args = b.Select(ea.C(examapplication.PersonColumn), ea.C(examapplication.FieldExamYear), ea.C(examapplication.FieldLevel), ea.C(examapplication.FieldOutcome)).
		From(ea).Where(inRange(ea.C(examapplication.PersonColumn))).OrderBy(ea.C(examapplication.FieldID)).Query()
	err = scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			pid            int
			x              factdata.ExamApplication
			level, outcome string
		)
		if err := rows.Scan(&pid, &x.Year, &level, &outcome); err != nil {
			return err
		}
		x.Level, x.Outcome = enum.CertificateLevel(level), outcome
		if d := byID[pid]; d != nil {
			d.Exams = append(d.Exams, x)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read exam applications: %w", err)
	}
	return out, nil
}
