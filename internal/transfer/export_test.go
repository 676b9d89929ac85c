package transfer

// CrashAfter returns opt stopping the write after n committed batches as a dead process would.
func CrashAfter(opt ImportOptions, n int) ImportOptions {
	opt.crashAfter = n
	return opt
}
