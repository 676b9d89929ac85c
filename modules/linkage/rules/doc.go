// Package rules holds the pure rules of the five-party linkage module (“五社联动”): the five
// criteria of a demonstration community (linkage_criteria.csv), what each one's actual value is,
// and on which days a community is an active demonstration community and meets them all. The
// module's assessment (package linkage) and the kept region facts DEMONSTRATION_ACTIVE and
// DEMONSTRATION_MET (package internal/facts) both apply them.
//
// Everything here is a function of its arguments: no database, no clock, no context.
package rules
