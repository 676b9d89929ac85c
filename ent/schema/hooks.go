package schema

import (
	"context"

	"entgo.io/ent"
	"fmt"
	"strings"

	"swtalent/ent/privacy"
	"swtalent/ent/schema/enum"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
)

// unrestricted lets a hook check uniqueness across every row, not only those the viewer may
// read: a duplicate must be refused even when it lies outside the viewer's scope.
func unrestricted(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// today is the county's current date, for checks such as "a birth date may not lie in the future".
func today() civil.Date { return civil.Today(civil.CST()) }

// notAfterToday rejects dates in the future.
func notAfterToday(field string, d civil.Date) error {
	if d.After(today()) {
		return apperr.Invalid(field, "日期不能晚于今天", "the date must not be in the future")
	}
	return nil
}

// ordered rejects an end date before a start date; either may be unknown.
func ordered(startField string, start *civil.Date, endField string, end *civil.Date) error {
	if start != nil && end != nil && end.Before(*start) {
		return apperr.Invalid(endField, "结束日期不能早于开始日期", fmt.Sprintf("%s must not be before %s", endField, startField))
	}
	return nil
}

// tagList rejects unknown or repeated values in a tag set, naming the element (roles[2]).
func tagList[T interface {
	~string
	Values() []string
}](field string, list []T) error {
	if i := enum.ValidList(list); i >= 0 {
		return apperr.Invalid(fmt.Sprintf("%s[%d]", field, i), "取值无效或重复", "the value is unknown or repeated")
	}
	return nil
}

// tagSet checks the tag set a mutation leaves behind: the list it sets (or, for an update of one
// row, the stored list) followed by the values it appends.
func tagSet[T interface {
	~string
	Values() []string
}](ctx context.Context, m ent.Mutation, field string, set, appended func() ([]T, bool), stored func(context.Context) ([]T, error)) error {
	list, hasList := set()
	extra, hasExtra := appended()
	if !hasList && !hasExtra {
		return nil
	}
	if !hasList && hasExtra {
		list, _ = old(ctx, m.Op().Is(ent.OpUpdateOne), stored)
	}
	return tagList(field, append(append([]T{}, list...), extra...))
}

// required trims a name-like value and rejects it when empty.
func required(field, v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", apperr.Invalid(field, "不能为空", field+" must not be empty")
	}
	return v, nil
}

// old reads a field's stored value for an update of one record, to check it against a new value.
func old[T any](ctx context.Context, isUpdateOne bool, get func(context.Context) (T, error)) (T, bool) {
	var zero T
	if !isUpdateOne {
		return zero, false
	}
	v, err := get(ctx)
	if err != nil {
		return zero, false
	}
	return v, true
}

// phone checks a mainland mobile number: 11 digits starting with 1.
func phone(field, v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	if len(v) != 11 || v[0] != '1' || strings.Trim(v, "0123456789") != "" {
		return "", apperr.Invalid(field, "手机号应为以1开头的11位数字", "phone must be 11 digits starting with 1")
	}
	return v, nil
}
