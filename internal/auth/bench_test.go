package auth_test

import (
	"context"
	"testing"

	"swtalent/ent/account"
	"swtalent/ent/privacy"
	"swtalent/internal/auth"
	"swtalent/internal/testdb"
)

func sys() context.Context { return privacy.DecisionContext(context.Background(), privacy.Allow) }

// BenchmarkAuthenticate measures the bearer-token check of every signed-in request, read from
// the database every time (uncached) and from the session cache (cached), on one database, in
// three alternating rounds (the machine is shared: compare the two within a round):
//
//	go test ./internal/auth/ -run '^$' -bench Authenticate
func BenchmarkAuthenticate(b *testing.B) {
	db := testdb.Open(b)
	if _, err := auth.CreateAccount(sys(), db.Client, "clerk", "", account.RoleSTAFF, "correct horse battery"); err != nil {
		b.Fatal(err)
	}
	kinds := []struct {
		name string
		size int
	}{{"uncached", -1}, {"cached", auth.DefaultCacheSize}}
	for i := range 3 * len(kinds) {
		c := kinds[i%len(kinds)]
		b.Run(c.name, func(b *testing.B) {
			s := auth.New(db.Client, auth.Options{CacheSize: c.size})
			token, _, err := s.Login(sys(), db.Client, "clerk", "correct horse battery")
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := s.Authenticate(context.Background(), token); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
