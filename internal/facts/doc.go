// Package facts keeps the person facts that indicators read instead of deriving them per query,
// and checks them against the registers. A kept fact has one definition (a pure rule function), is
// written by the ent hooks in the same transaction as the change that moves it, is filled for
// existing databases by a data upgrade (see internal/store), and is recomputed from the registers
// by Check (swtalent check-facts).
//
// A fact is kept as spans (table fact_spans, entity FactSpan): per person, the intervals
// [from_on, until_on) of days on which it holds, each with a weight (1 for a fact that counts
// persons) and an optional certificate level, filed under the person's workplace region code.
// Its count at day D in region subtree R is the sum of the weights of its spans covering D
// with a region code in R's range ([Count], [CountByLevel]): for a county or below one index
// range. Above a county the same code keeps per-(fact, county, level, year) and
// per-(fact, province, level, year) sums of weight starting minus ending (fact_deltas, entity
// FactDelta, [Tally]), so that a prefecture reads its counties' delta rows, a province or the
// whole country its provinces' (a few hundred), plus the spans starting or ending between
// 1 January and D. The definitional queries (e.g. [workforce.CertifiedAt]) stay as the reference; the
// property test compares both after random writes.
//
// One list, [List], names every fact and its rule. Every path computes through it: the hooks'
// refresh ([Touched], [RefreshPersons], [Defer] for bulk writes such as imports and their
// take-back), the sweep of the backfill ([Backfill]) and of [Check], and the generator
// (internal/synth, with [Compute], [Rows], [Tally] and [WriteDeltas]). A person's registers are
// loaded once for every fact into a [factdata.Person]: their record (departure, workplace region,
// social-work degree, roles), certificates with registrations, training records with their
// training's kind, hours and end date, supervisor qualifications, and exam applications (year, level,
// outcome).
//
// Region facts (regions.go) are kept the same way for counts of regions, which no sum over
// persons gives ("how many villages have at least one skilled community worker at D"): for a
// region of the fact's level, the union of the underlying intervals (VILLAGE_SKILLED: the
// SKILLED_COMMUNITY spans filed under the village's code; VILLAGE_POINT_OPEN and
// TOWNSHIP_STATION_OPEN: the open days of the region's points of the tier; REGION_VILLAGE and
// REGION_TOWNSHIP: the region itself, from the first day on) as spans of weight 1, or for a
// counted fact the intervals themselves (VOLUNTEER_ACTIVE: a community's volunteers, identical
// intervals one span weighted by their number), in region_spans (entity RegionSpan), with their
// deltas in fact_deltas; [CountRegions] counts them as [Count] counts persons. The five-party
// linkage demonstration communities are kept so too (demonstrations.go: DEMONSTRATION_ACTIVE, and
// DEMONSTRATION_MET from the rules of modules/linkage/rules over the registers and the kept
// CERTIFIED_COMMUNITY_STAFF and VOLUNTEER_ACTIVE spans), recomputed after those and by the hooks
// of the registers the criteria read ([TouchedDemonstrations]). The person-fact
// refresh rewrites VILLAGE_SKILLED for the villages whose spans it
// moves, the hooks of the service points, volunteers and regions call [TouchedRegions] (a
// deleted region [RefreshRegionCodes]), the upgrades "region-spans" and "volunteer-spans" and
// [Backfill] fill them ([BackfillRegions]), the generator writes them ([WriteRegions]) and
// [Check] compares them.
//
// Rows of other registers that name a person and are counted by region keep columns of the
// person's facts (rows.go): the workplace code (exam applications, allowance payments,
// recognitions; [WorkplaceIn] is the range to count in) and, for a payment, whether it was due
// ([Due]). The refresh sets them for every person it refreshes, the upgrade "fact-rows" fills
// them ([BackfillRows]), the generator writes them ([RowColumns], [RowValues]) and [Check]
// compares them; the register's hook touches the person a row is created for or pointed at.
// A register that needs them: add its table to linkedTables and ent/schema's
// KeptWorkplaceMixin to its schema, and touch the person in its hook.
//
// # How to add a fact
//
//  1. Name it: a value of enum.Fact (ent/schema/enum/fact.go); run go generate ./... (the fact
//     column is an enum).
//  2. Write its rule, a pure func(factdata.Person) []factdata.Span, in the package that owns the
//     rule (e.g. internal/workforce, or a module's rules package); spans in date order, weight 1
//     for a count of persons (or the amount to sum, e.g. hours), Level set only if the fact is
//     counted by level. If it reads something factdata.Person lacks, add it to the Person type
//     and to both loaders (load.go: load through ent, loadRange in plain SQL) and to the
//     generator's drawing of a person (internal/synth/persons.go), and make sure the hooks of the
//     register it comes from call facts.Touched (ent/schema/facts_hooks.go).
//  3. Add {Name, Rule} to [List].
//  4. Give the data upgrade a new name in internal/store/upgrades.go (e.g. "fact-spans-6"
//     replacing "fact-spans-5"), so existing databases recompute every fact.
//  5. Count it with [Count] / [CountByLevel](ctx, client, enum.FactX, day, regionCode) (or per
//     region, among the people working in each region itself, with [CountPerRegion]); keep the
//     definitional query as the reference and add it to the property test (property_test.go:
//     compare) with random writes of the registers the rule reads.
package facts
