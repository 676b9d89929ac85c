// Package demo builds the synthetic Yiyang demo world (演示数据): villages and communities below
// the real townships, about 250 people with their certificates and registrations, agencies,
// community social organisations, the three-tier service network and a partner university.
//
// The world is deterministic: it draws from a random source with a fixed seed and is anchored
// to fixed dates (nothing after 2025-12-31), so every run produces the same records and tests
// can assert figures such as the number of certified social workers at each year end. Every
// record it creates is marked demo. It is loaded only into an empty database, after the
// reference data (package refdata); modules then add their own parts to the World through the
// DemoSeeder capability.
package demo
