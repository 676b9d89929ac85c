package main

// query is one measured request, written once for each server.
type query struct {
	name, title string
	// swtalent and postgraphile are the GraphQL documents; their variables come from vars.
	swtalent, postgraphile string
	// admin sends swtalent's ADMIN token (PostGraphile, which has no accounts here, gets none).
	admin bool
	// vars lists the variables of successive requests, cycled through (nil: none).
	vars func(ids targets, server *server) []map[string]any
	// write, when set, is the mutation sent as every writeEvery-th request, with the variables
	// writeVars; the wrk script replaces %d in them with the write's number. PostGraphile then
	// runs with its default mutations on.
	write      *query
	writeEvery int
	writeVars  func(ids targets, server *server) map[string]any
}

// targets are the records the requests name, found once on each server (by its name).
type targets struct {
	// persons are the first 100 persons' IDs: a swtalent global ID, a PostGraphile nodeId.
	persons map[string][]string
	// university is the record the mutation mix renames: swtalent's global ID (a string),
	// PostGraphile's row id (a BigInt, which it reads and writes as a string).
	university map[string]any
}

// queries are the harness's requests: the two of issue #19, a public read, a filtered
// connection with its total, and reads with writes interleaved.
func queries() []query {
	nodeRead := query{
		name:         "node",
		title:        "`node(id)` → a person's name (ADMIN token)",
		swtalent:     `query($id: ID!) { node(id: $id) { ... on Person { name } } }`,
		postgraphile: `query($id: ID!) { node(nodeId: $id) { ... on Person { name } } }`,
		admin:        true,
		vars: func(ids targets, s *server) []map[string]any {
			out := make([]map[string]any, 0, len(ids.persons[s.name]))
			for _, id := range ids.persons[s.name] {
				out = append(out, map[string]any{"id": id})
			}
			return out
		},
	}
	rename := &query{
		swtalent:     `mutation($id: ID!, $name: String!) { updateUniversity(id: $id, input: {name: $name}) { id name } }`,
		postgraphile: `mutation($id: BigInt!, $name: String!) { updateUniversityById(input: {id: $id, universityPatch: {name: $name}}) { university { id name } } }`,
	}
	mix := nodeRead
	mix.name, mix.title = "mix", "the `node` read with 1 write in 10 (renaming a university)"
	mix.write, mix.writeEvery = rename, 10
	mix.writeVars = func(ids targets, s *server) map[string]any {
		return map[string]any{"id": ids.university[s.name], "name": "Peer University %d"}
	}
	return []query{
		nodeRead,
		{
			name:  "nested",
			title: "50 persons → certificates → registrations (ADMIN token)",
			swtalent: `{ persons(first: 50) { edges { node { name
  certificates { number level passedOn registrations { kind status validUntil } } } } } }`,
			postgraphile: `{ allPeople(first: 50, orderBy: PRIMARY_KEY_ASC) { nodes { name
  certificatesByHolderId(orderBy: PRIMARY_KEY_ASC) { nodes { number level passedOn
    certificateRegistrationsByCertificateRegistrations(orderBy: PRIMARY_KEY_ASC) { nodes { kind status validUntil } } } } } } }`,
			admin: true,
		},
		{
			name:         "public",
			title:        "public read without a token: 50 service points",
			swtalent:     `{ servicePoints(first: 50) { edges { node { name tier openedOn } } } }`,
			postgraphile: `{ allServicePoints(first: 50, orderBy: PRIMARY_KEY_ASC) { nodes { name tier openedOn } } }`,
		},
		{
			name:  "filtered",
			title: "filtered connection with `totalCount`: senior certificates since 2020, first 20 (ADMIN token)",
			swtalent: `{ certificates(first: 20, where: {level: SENIOR, passedOnGTE: "2020-01-01"}) {
  totalCount edges { node { number passedOn } } } }`,
			postgraphile: `{ allCertificates(first: 20, orderBy: PRIMARY_KEY_ASC,
  filter: {level: {equalTo: "SENIOR"}, passedOn: {greaterThanOrEqualTo: "2020-01-01"}}) {
  totalCount nodes { number passedOn } } }`,
			admin: true,
		},
		mix,
	}
}

// document returns the query's text for a server.
func (q query) document(s *server) string {
	if s.postgraphile {
		return q.postgraphile
	}
	return q.swtalent
}
