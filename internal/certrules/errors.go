package certrules

// RuleError is a violated domain rule: Field names the offending input field (for example
// "registeredOn" or "results[2].paper"), ZH and EN describe the violation in Chinese and English.
//
// Functions here return *RuleError; a nil *RuleError means no violation. Compare the pointer with
// nil before storing it in an error interface, or a nil pointer becomes a non-nil error.
type RuleError struct {
	Field string
	ZH    string
	EN    string
}

// Error returns "ZH / EN".
func (e *RuleError) Error() string { return e.ZH + " / " + e.EN }
