package graph_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestZZProbe(t *testing.T) {
	e := newEnv(t, false)
	try := func(name, q string, vars map[string]any) {
		t0 := time.Now()
		r := e.post(q, vars)
		msg := ""
		if len(r.resp.Errors) > 0 {
			msg = fmt.Sprint(r.resp.Errors[0].Extensions["code"], " ", r.resp.Errors[0].Message)
		}
		if len(msg) > 200 {
			msg = msg[:200]
		}
		t.Logf("%-30s %4d %8s %s", name, r.status, time.Since(t0).Round(time.Millisecond), msg)
	}
	// 1. max out selections with count 20 at one level, distinct names below
	var b strings.Builder
	b.WriteString("{ regions { edges { node { ")
	for range 20 {
		b.WriteString("parent { code name level kind population createdAt updatedAt id parent { code name level kind id } } ")
	}
	b.WriteString("} } } }")
	try("20 parents wide", b.String(), nil)
	// 2. 20 copies of root with wide subtrees
	b.Reset()
	b.WriteString("{ ")
	for range 20 {
		b.WriteString("regions { totalCount edges { cursor node { code name level id parent { code name id level } children { totalCount edges { node { code name id } } } } } } ")
	}
	b.WriteString("}")
	try("20 roots", b.String(), nil)
	// 3. deep where
	where := "{code: \"1\"}"
	for range 2000 {
		where = "{and: [" + where + "]}"
	}
	try("deep where literal", "{ regions(where: "+where+") { totalCount } }", nil)
	var w any = map[string]any{"code": "1"}
	for range 3000 {
		w = map[string]any{"and": []any{w}}
	}
	try("deep where variable", "query($w: RegionWhereInput) { regions(where: $w) { totalCount } }", map[string]any{"w": w})
	w = map[string]any{"code": "1"}
	for range 200 {
		w = map[string]any{"and": []any{w}}
	}
	try("where depth 200", "query($w: RegionWhereInput) { regions(where: $w) { totalCount } }", map[string]any{"w": w})
	// wide where
	ins := make([]any, 100000)
	for i := range ins {
		ins[i] = fmt.Sprint(i)
	}
	try("codeIn 100k", "query($w: RegionWhereInput) { regions(where: $w) { totalCount } }", map[string]any{"w": map[string]any{"codeIn": ins}})
	ors := make([]any, 5000)
	for i := range ors {
		ors[i] = map[string]any{"codeContains": fmt.Sprint(i)}
	}
	try("or 5000", "query($w: RegionWhereInput) { regions(where: $w) { totalCount } }", map[string]any{"w": map[string]any{"or": ors}})
	try("nodes 20000 ids", "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", map[string]any{"ids": strings.Split(strings.Repeat("1,", 20000)+"1", ",")})
	try("orderBy", "{ regions(orderBy: {field: CODE}) { totalCount } }", nil)
}
