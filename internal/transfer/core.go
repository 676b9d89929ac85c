package transfer

// Core returns the kinds of the core registers, in the order they are best imported (each may
// refer to the ones before it).
func Core() []*Kind {
	return []*Kind{Regions(), Agencies(), ServicePoints(), Persons(), Certificates()}
}
