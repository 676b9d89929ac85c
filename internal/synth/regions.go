package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"swtalent/internal/facts"
	"swtalent/internal/store"
)

// gen is one run of Generate.
type gen struct {
	opt     Options
	db      *store.DB
	b       *bulk
	rng     *rand.Rand
	now     time.Time
	started time.Time

	provinces, cities, counties, townships, villages []node
	// per county (index into counties)
	agencies   [][]int // agency ids
	agencyYear [][]int // the year each agency registered in, as agencies
	centre     []int   // county centre point id
	trainings  [][]training
	// per township and village
	station   []int // township station id, 0 when none
	villagePt []int // village point id, 0 when none

	// per county: its generated villages (indexes into villages), its demonstration community
	// (an index into villages, -1 when none), its community social organisations' ids, its
	// service projects, and a few of its certified people (see pool)
	countyVillages [][]int32
	demoVillage    []int32
	model          []bool // per county: its demonstration community is built to meet every criterion
	projects       [][]int
	pool           [][]worker
	// competent departments: the id of the department competent for each service field, and
	// the fields that have one in order
	deptFor     map[string]int
	deptFields  []string
	supervisors []int  // supervisor level ids, lowest rank first
	paying      []bool // per county: pays the professional allowance
	papers      paperSets
	// the intervals of the kept region facts (package facts), gathered as the service points and
	// the persons' fact spans are drawn, written after the persons
	regionFacts facts.RegionIntervals
}

// node is one region as the generator tracks it.
type node struct {
	id     int
	code   string
	parent int32 // index into the level above; -1 at the top
	county int32 // index of its county (counties and below), else -1
	pop    int32 // resident population of a generated village, else 0
}

// existing is a region already in the database (the reference data).
type existing struct {
	id       int
	children []string
}

// writeRegions writes the region tree below the shape's root, reusing the regions the reference
// data already holds: a region listed there keeps its listed children, and generated children
// are added only up to the shape's count.
func (g *gen) writeRegions(ctx context.Context) error {
	have, err := g.loadRegions(ctx)
	if err != nil {
		return err
	}
	s := g.opt.Shape
	root := s.Root
	var top []string
	var topLevel int // 0 province, 1 city, 2 county
	switch {
	case root == "":
		for _, p := range provinces {
			top = append(top, p.code+"0000000000")
		}
	case strings.HasSuffix(root, "0000000000"):
		top = []string{root}
	case strings.HasSuffix(root, "000000"):
		top, topLevel = []string{root}, 2
	default:
		return fmt.Errorf("root %s is neither a province nor a county", root)
	}
	level := make([]node, 0, len(top))
	var rows []any
	for _, code := range top {
		n := node{code: code, parent: -1, county: -1}
		if e, ok := have[code]; ok {
			n.id = e.id
		} else {
			rows = append(rows, g.regionRow(code, provinceName(code), "PROVINCE", "PROVINCE", nil, nil)...)
		}
		level = append(level, n)
	}
	if err := g.fillIDs(ctx, level, rows, have); err != nil {
		return err
	}
	if topLevel == 2 {
		level[0].county = 0
		g.counties = level
	} else {
		g.provinces = level
		g.cities, err = g.children(ctx, have, g.provinces, s.Cities, 2, "CITY", func(int) string { return "CITY" }, "市")
		if err != nil {
			return err
		}
		g.counties, err = g.children(ctx, have, g.cities, s.Counties, 2, "COUNTY", g.pick(0.7, "COUNTY", "DISTRICT"), "县")
		if err != nil {
			return err
		}
		for i := range g.counties {
			g.counties[i].county = int32(i)
		}
	}
	g.townships, err = g.children(ctx, have, g.counties, s.Townships, 3, "TOWNSHIP", g.townshipKind, "镇")
	if err != nil {
		return err
	}
	g.villages, err = g.children(ctx, have, g.townships, s.Villages, 3, "VILLAGE", g.pick(0.75, "VILLAGE", "COMMUNITY"), "村")
	if err != nil {
		return err
	}
	if len(g.villages) == 0 {
		return fmt.Errorf("the shape has no villages")
	}
	g.indexVillages()
	return g.writePopulations(ctx)
}

// writePopulations records the resident population of every township, county, city and province
// as the sum of its villages', as the demo world does for its county: the volunteer registration
// rate of a region is measured against it.
func (g *gen) writePopulations(ctx context.Context) error {
	levels := [][]node{g.villages, g.townships, g.counties, g.cities, g.provinces}
	sums := make([]int, len(g.villages))
	for i, v := range g.villages {
		sums[i] = int(v.pop)
	}
	for l := 1; l < len(levels) && len(levels[l]) > 0; l++ {
		up := make([]int, len(levels[l]))
		for i, n := range levels[l-1] {
			if n.parent >= 0 {
				up[n.parent] += sums[i]
			}
		}
		ids := make([]int, len(levels[l]))
		for i, n := range levels[l] {
			ids[i] = n.id
		}
		if err := g.b.setInts(ctx, "regions", "population", ids, up); err != nil {
			return err
		}
		sums = up
	}
	return nil
}

// indexVillages lists every county's generated villages and picks its demonstration community:
// the first generated village of the county (reference villages have no population). Half the
// communities, the first county's always, are models built to meet every criterion; the others
// meet each by chance.
func (g *gen) indexVillages() {
	g.countyVillages = make([][]int32, len(g.counties))
	g.demoVillage = make([]int32, len(g.counties))
	g.model = make([]bool, len(g.counties))
	for i := range g.model {
		g.model[i] = i == 0 || g.rng.IntN(2) == 0
	}
	for i := range g.demoVillage {
		g.demoVillage[i] = -1
	}
	for vi, v := range g.villages {
		if v.pop == 0 || v.county < 0 {
			continue
		}
		g.countyVillages[v.county] = append(g.countyVillages[v.county], int32(vi))
		if g.demoVillage[v.county] < 0 {
			g.demoVillage[v.county] = int32(vi)
		}
	}
}

// loadRegions reads the regions already in the database by code.
func (g *gen) loadRegions(ctx context.Context) (map[string]*existing, error) {
	rows, err := g.b.tx.QueryContext(ctx, "SELECT id, code, parent_id FROM regions")
	if err != nil {
		return nil, fmt.Errorf("read regions: %w", err)
	}
	defer rows.Close()
	byID := map[int]string{}
	parents := map[string]*int{}
	have := map[string]*existing{}
	for rows.Next() {
		var id int
		var code string
		var parent *int
		if err := rows.Scan(&id, &code, &parent); err != nil {
			return nil, fmt.Errorf("read regions: %w", err)
		}
		byID[id] = code
		parents[code] = parent
		have[code] = &existing{id: id}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read regions: %w", err)
	}
	for code, p := range parents {
		if p != nil {
			if pc, ok := byID[*p]; ok {
				have[pc].children = append(have[pc].children, code)
			}
		}
	}
	for _, e := range have {
		slices.Sort(e.children)
	}
	return have, nil
}

// children writes about total children spread over parents (at least one each). digits is the
// width of a child's part of the code (2 for cities and counties, 3 below).
func (g *gen) children(ctx context.Context, have map[string]*existing, parents []node, total, digits int, level string, kind func(int) string, suffix string) ([]node, error) {
	counts := spread(g.rng, total, len(parents))
	out := make([]node, 0, total)
	for pi, p := range parents {
		prefix := regionPrefix(p.code)
		var codes []string
		if e, ok := have[p.code]; ok {
			codes = append(codes, e.children...)
		}
		taken := map[string]bool{}
		for _, c := range codes {
			taken[c] = true
		}
		for seq := 1; len(codes) < counts[pi]; seq++ {
			c := prefix + fmt.Sprintf("%0*d", digits, seq)
			c += strings.Repeat("0", 12-len(c))
			if !taken[c] {
				codes = append(codes, c)
			}
		}
		slices.Sort(codes)
		var rows []any
		start := len(out)
		for j, c := range codes {
			n := node{code: c, parent: int32(pi), county: p.county}
			if e, ok := have[c]; ok {
				n.id = e.id
			} else {
				k := kind(j)
				pop := (*int)(nil)
				if level == "VILLAGE" {
					v := 500 + g.rng.IntN(4000)
					pop, n.pop = &v, int32(v)
				}
				pid := p.id
				rows = append(rows, g.regionRow(c, g.placeName(suffixFor(k, suffix)), level, k, pop, &pid)...)
			}
			out = append(out, n)
		}
		if err := g.fillIDs(ctx, out[start:], rows, have); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fillIDs inserts rows (one per node without an id, in order) and gives those nodes their ids.
func (g *gen) fillIDs(ctx context.Context, nodes []node, rows []any, _ map[string]*existing) error {
	if len(rows) == 0 {
		return nil
	}
	ids, err := g.b.insert(ctx, regionTable, rows)
	if err != nil {
		return err
	}
	k := 0
	for i := range nodes {
		if nodes[i].id == 0 {
			nodes[i].id = ids[k]
			k++
		}
	}
	if k != len(ids) {
		return fmt.Errorf("%d region ids for %d new regions", len(ids), k)
	}
	return nil
}

var regionTable = table{"regions", []string{"created_at", "updated_at", "demo", "code", "name", "level", "kind", "population", "parent_id"}}

func (g *gen) regionRow(code, name, level, kind string, pop, parent *int) []any {
	g.regionFacts.AddRegion(code)
	return []any{g.now, g.now, true, code, name, level, kind, pop, parent}
}

// townshipKind draws a township-level kind: 街道 20 %, 镇 55 %, 乡 25 %.
func (g *gen) townshipKind(int) string {
	switch r := g.rng.Float64(); {
	case r < 0.2:
		return "SUBDISTRICT"
	case r < 0.75:
		return "TOWN"
	default:
		return "TOWNSHIP"
	}
}

// pick returns a kind chooser: a with probability p, else b.
func (g *gen) pick(p float64, a, b string) func(int) string {
	return func(int) string {
		if g.rng.Float64() < p {
			return a
		}
		return b
	}
}

// suffixFor names a kind.
func suffixFor(kind, def string) string {
	switch kind {
	case "DISTRICT":
		return "区"
	case "SUBDISTRICT":
		return "街道"
	case "TOWNSHIP":
		return "乡"
	case "COMMUNITY":
		return "社区"
	}
	return def
}

// placeName is two random syllables and the suffix.
func (g *gen) placeName(suffix string) string {
	return string([]rune{syllables[g.rng.IntN(len(syllables))], syllables[g.rng.IntN(len(syllables))]}) + suffix
}

// provinceName is the real name of a province code.
func provinceName(code string) string {
	for _, p := range provinces {
		if p.code == code[:2] {
			return p.name
		}
	}
	return code[:2] + "省"
}

// regionPrefix is the significant prefix of a province, city, county or township code.
func regionPrefix(code string) string {
	switch {
	case strings.HasSuffix(code, "0000000000"):
		return code[:2]
	case strings.HasSuffix(code, "00000000"):
		return code[:4]
	case strings.HasSuffix(code, "000000"):
		return code[:6]
	default:
		return code[:9]
	}
}

// spread splits total into n counts of at least one that sum to max(total, n): each gets one,
// the rest go to uniformly drawn parents.
func spread(rng *rand.Rand, total, n int) []int {
	counts := make([]int, n)
	for i := range counts {
		counts[i] = 1
	}
	for k := n; k < total; k++ {
		counts[rng.IntN(n)]++
	}
	return counts
}
