// Package demo builds the synthetic Yiyang demo world (演示数据): villages and communities below
// the real townships, about 250 people with their certificates and registrations, agencies,
// community social organisations, the three-tier service network and a partner university.
//
// The world is deterministic: it draws from random sources with fixed seeds and is anchored to
// fixed dates, so every run for the same day produces the same records and tests can assert
// figures such as the number of certified social workers at each year end. The plan's period
// (up to 2025-12-31, World.Anchor) is always built, from World.Rand; ordinary activity after it
// runs to the end of the month before the day the world is generated for (World.Until,
// World.End), from World.Later, so every record up to 2025-12-31 is the same whatever that day. Every
// record it creates is marked demo. It is loaded only into an empty database, after the
// reference data (package refdata); modules then add their own parts to the World through the
// DemoSeeder capability.
package demo
