package validate

import (
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
)

// firstCultivationYear is the earliest cultivation year accepted (social organisations as
// registered since 1949).
const firstCultivationYear = 1949

// Cultivation checks an agency's recorded cultivation: the department (培育部门) and the year
// (培育年度) are given together or not at all, and the year lies between 1949 and the current
// year (a cultivation is recorded when it happens, never ahead). Errors name the field that is
// wrong: departmentField or yearField.
func Cultivation(hasDepartment bool, year *int, today civil.Date, departmentField, yearField string) error {
	switch {
	case year == nil && hasDepartment:
		return apperr.Invalid(yearField, "填写了培育部门时须填写培育年度", "a cultivating department needs the year of cultivation")
	case year != nil && !hasDepartment:
		return apperr.Invalid(departmentField, "填写了培育年度时须填写培育部门", "a year of cultivation needs the cultivating department")
	case year != nil && (*year < firstCultivationYear || *year > today.Year):
		return apperr.Invalid(yearField, "培育年度须在1949年至今年之间", "the year of cultivation must lie between 1949 and this year")
	}
	return nil
}
