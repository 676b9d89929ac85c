package civil

import "time"

// CST is China Standard Time (UTC+8, no daylight saving), the clock of every county: "today"
// for dates entered and for statistics asked "as of today".
func CST() *time.Location { return time.FixedZone("CST", 8*60*60) }
