// Package validate checks and normalises the identifiers the application
// accepts from users: resident ID numbers, unified social credit codes,
// certificate numbers and administrative division (region) codes, plus a few
// generic string checks.
//
// Every failure is an *apperr.Error with code BAD_USER_INPUT, the field name
// given by the caller and a bilingual message that never repeats the input.
package validate
