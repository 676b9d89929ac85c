package auth

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strings"
	"time"

	"swtalent/ent"
	"swtalent/ent/account"
	"swtalent/ent/apitoken"
	"swtalent/ent/privacy"
	"swtalent/internal/apperr"
	"swtalent/internal/audit"
	"swtalent/internal/throttle"
	"swtalent/internal/viewer"
)

// Lifetimes of tokens.
const (
	SessionTTL     = 12 * time.Hour
	MaxAPITokenTTL = 366 * 24 * time.Hour
	// touchEvery is how stale a token's last-used time may get before it is written again: at
	// most one write a minute per token, not one per request.
	touchEvery = time.Minute
)

// Options tune the service. Zero values take the defaults named after each field.
type Options struct {
	// CacheSize is how many checked sessions are kept in memory; DefaultCacheSize (10,000).
	// Negative turns the cache off: every request reads its token from the database.
	CacheSize int
	// CacheTTL is how long a cached session is trusted before it is read again, which bounds
	// how long a logout, password or role change made through another instance goes unseen
	// here; DefaultCacheTTL (5 s). Changes through this instance take effect at once.
	CacheTTL time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the client address
	// that failed logins are counted against (see ClientAddr); none by default.
	TrustedProxies []netip.Prefix
}

// Service signs accounts in and checks tokens.
type Service struct {
	client  *ent.Client
	now     func() time.Time
	limiter *throttle.Limiter
	cache   *sessionCache
	trusted []netip.Prefix
}

// New returns the service on client. With the session cache on, it adds hooks to client that
// drop cached sessions when an account or token changes, so build one such service per client
// (the one whose Middleware checks tokens).
func New(client *ent.Client, opt Options) *Service {
	if opt.CacheSize == 0 {
		opt.CacheSize = DefaultCacheSize
	}
	if opt.CacheTTL <= 0 {
		opt.CacheTTL = DefaultCacheTTL
	}
	s := &Service{client: client, now: time.Now, cache: newSessionCache(opt.CacheSize, opt.CacheTTL), trusted: opt.TrustedProxies}
	if client != nil {
		s.limiter = throttle.New(client)
	}
	if opt.CacheSize > 0 && client != nil {
		s.install(client)
	}
	return s
}

// system lets the service read accounts and tokens whatever the viewer may read.
func system(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// errLogin is the one answer to every failed login, so it never tells which part was wrong.
func errLogin() error {
	return &apperr.Error{Code: apperr.CodeUnauthenticated, ZH: "用户名或密码错误", EN: "wrong username or password"}
}

// Login checks a username and password and opens a session, returning its token (shown once).
// tx is the client to write the session with (the request's transaction). Failures are slowed
// down per username and per client address (package throttle) and recorded in the audit trail,
// both after the request's transaction has ended, so that they stay recorded although the request
// fails; a success clears the username's failures and is audited with the session.
func (s *Service) Login(ctx context.Context, tx *ent.Client, username, password string) (string, *ent.ApiToken, error) {
	username = strings.TrimSpace(username)
	now := s.now()
	addr := clientAddrOf(ctx)
	subjects := []throttle.Subject{{Kind: throttle.Account, Name: username}}
	if addr != "" {
		subjects = append(subjects, throttle.Subject{Kind: throttle.Address, Name: addressSubject(addr)})
	}
	// The attempt counts as a failure in progress from here until its failure is recorded (fail)
	// or it has succeeded, so that concurrent guesses are slowed as if made one after another.
	wait, end, err := s.limiter.Begin(ctx, now, subjects...)
	if err != nil {
		return "", nil, fmt.Errorf("login: %w", err)
	}
	recorded := false
	defer func() {
		if !recorded {
			end()
		}
	}()
	if wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		err := afterTx(ctx, func(ctx context.Context) error {
			return s.auditFailure(ctx, 0, username, fmt.Sprintf("too many failed logins: %d s to wait", secs), addr)
		})
		if err != nil {
			return "", nil, fmt.Errorf("login: %w", err)
		}
		return "", nil, &apperr.Error{Code: apperr.CodeLimitExceeded, RetryAfter: secs,
			ZH: fmt.Sprintf("登录失败次数过多，请 %d 秒后再试", secs),
			EN: fmt.Sprintf("too many failed logins; try again in %d s", secs)}
	}
	fail := func(accountID int, why string) error {
		recorded = true
		err := afterTx(ctx, func(ctx context.Context) error {
			defer end()
			if err := s.limiter.Fail(ctx, now, subjects...); err != nil {
				return err
			}
			return s.auditFailure(ctx, accountID, username, why, addr)
		})
		if err != nil {
			return fmt.Errorf("login: %w", err)
		}
		return errLogin()
	}
	acc, err := tx.Account.Query().Where(account.Username(username)).Only(system(ctx))
	switch {
	case ent.IsNotFound(err):
		VerifyPassword(dummyHash, password)
		return "", nil, fail(0, "unknown username")
	case err != nil:
		return "", nil, fmt.Errorf("login: %w", err)
	case !VerifyPassword(acc.PasswordHash, password):
		return "", nil, fail(acc.ID, "wrong password")
	case acc.Disabled:
		return "", nil, fail(acc.ID, "account disabled")
	}
	if err := throttle.Clear(ctx, tx, subjects[0]); err != nil {
		return "", nil, fmt.Errorf("login: %w", err)
	}
	token, row, err := s.issue(ctx, tx, acc.ID, apitoken.KindSESSION, "login", now.Add(SessionTTL))
	if err != nil {
		return "", nil, err
	}
	as := viewer.NewContext(ctx, &viewer.Viewer{AccountID: acc.ID, Username: acc.Username, Role: viewer.Role(acc.Role)})
	if err := audit.Record(as, tx, audit.Event{Operation: audit.Login, Entity: "Account", EntityID: acc.ID, Reason: strings.TrimSpace(from(addr))}); err != nil {
		return "", nil, err
	}
	return token, row, nil
}

// auditFailure records a refused login through the service's own client (outside any request
// transaction), naming the username tried as the actor.
func (s *Service) auditFailure(ctx context.Context, accountID int, username, why, addr string) error {
	actor := username
	if len(actor) > 100 {
		actor = strings.ToValidUTF8(actor[:100], "")
	}
	return audit.Record(ctx, s.client, audit.Event{Operation: audit.LoginFailed, Entity: "Account", EntityID: accountID, Actor: actor, Reason: why + from(addr)})
}

// from describes the client address for the audit trail.
func from(addr string) string {
	if addr == "" {
		return ""
	}
	return " from " + addr
}

// Unlock clears the failed logins of an account so it may sign in again at once (ADMIN only),
// recorded in the audit trail. Slowdowns of a client address are not cleared: they lapse within
// the hour (throttle.Address).
func (s *Service) Unlock(ctx context.Context, tx *ent.Client, id int) (*ent.Account, error) {
	if viewer.FromContext(ctx).Role != viewer.Admin {
		return nil, apperr.Forbidden("仅管理员可解除登录限制", "only an ADMIN may unlock an account")
	}
	acc, err := tx.Account.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := throttle.Clear(ctx, tx, throttle.Subject{Kind: throttle.Account, Name: acc.Username}); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, tx, audit.Event{Operation: audit.Unlock, Entity: "Account", EntityID: id}); err != nil {
		return nil, err
	}
	return acc, nil
}

// CreateAPIToken issues a long-lived token for the viewer's own account; expiresAt must lie in the
// future and within a year.
func (s *Service) CreateAPIToken(ctx context.Context, tx *ent.Client, name string, expiresAt *time.Time) (string, *ent.ApiToken, error) {
	v := viewer.FromContext(ctx)
	if !v.SignedIn() {
		return "", nil, apperr.Forbidden("请先登录", "sign in first")
	}
	now := s.now()
	exp := now.Add(90 * 24 * time.Hour)
	if expiresAt != nil {
		exp = *expiresAt
	}
	if !exp.After(now) || exp.Sub(now) > MaxAPITokenTTL {
		return "", nil, apperr.Invalid("expiresAt", "有效期须在今后一年之内", "expiresAt must lie in the future, within a year")
	}
	return s.issue(ctx, tx, v.AccountID, apitoken.KindAPI, strings.TrimSpace(name), exp)
}

// issue stores a new token's hash and returns the token.
func (s *Service) issue(ctx context.Context, tx *ent.Client, accountID int, kind apitoken.Kind, name string, exp time.Time) (string, *ent.ApiToken, error) {
	token, hash, err := NewToken()
	if err != nil {
		return "", nil, err
	}
	row, err := tx.ApiToken.Create().
		SetAccountID(accountID).
		SetKind(kind).
		SetName(name).
		SetTokenHash(hash).
		SetExpiresAt(exp).
		Save(system(ctx))
	if err != nil {
		return "", nil, fmt.Errorf("store token: %w", err)
	}
	return token, row, nil
}

// Authenticate turns a bearer token into its viewer (TokenID set). An unknown, expired or
// revoked token, or one of a disabled account, is UNAUTHENTICATED. A token checked within the
// cache's TTL is answered from memory; its last-used time is written at most once a minute.
func (s *Service) Authenticate(ctx context.Context, token string) (*viewer.Viewer, error) {
	ctx = system(ctx)
	now := s.now()
	hash := HashToken(token)
	for {
		if v, touch, ok := s.cache.get(hash, now); ok {
			if touch {
				s.touch(ctx, v.TokenID, now)
			}
			return &v, nil
		}
		if s.cache.size <= 0 {
			return s.load(ctx, hash, now, s.cache.generation())
		}
		// Concurrent requests of one token that miss the cache share one read (see load).
		l, lead := s.cache.join(hash)
		if lead {
			return s.lead(ctx, hash, now, l)
		}
		select {
		case <-l.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		switch {
		case l.err == nil:
			v := *l.v
			return &v, nil
		case errors.Is(l.err, context.Canceled) || errors.Is(l.err, context.DeadlineExceeded):
			// The request that read went away before its read ended: read again.
		default:
			return nil, l.err
		}
	}
}

// lead reads the session for the requests that joined l and hands them the result, an error
// if the read panics.
func (s *Service) lead(ctx context.Context, hash string, now time.Time, l *load) (v *viewer.Viewer, err error) {
	err = errors.New("authenticate: the session read did not end")
	defer func() { s.cache.land(hash, l, v, err) }()
	return s.load(ctx, hash, now, l.gen)
}

// load reads the session of a token hash from the database, writes its last use when due, and
// keeps it in the cache unless something was dropped since gen.
func (s *Service) load(ctx context.Context, hash string, now time.Time, gen uint64) (*viewer.Viewer, error) {
	row, err := s.client.ApiToken.Query().
		Where(apitoken.TokenHash(hash)).
		WithAccount(func(q *ent.AccountQuery) { q.WithAgency().WithRegion().WithUniversity() }).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errToken()
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	acc := row.Edges.Account
	if row.RevokedAt != nil || !now.Before(row.ExpiresAt) || acc == nil || acc.Disabled {
		return nil, errToken()
	}
	sess := &session{hash: hash, viewer: *viewerOf(acc), expiresAt: row.ExpiresAt, loadedAt: now}
	sess.viewer.TokenID = row.ID
	if row.LastUsedAt != nil {
		sess.lastUsed = *row.LastUsedAt
	}
	if now.Sub(sess.lastUsed) >= touchEvery {
		s.touch(ctx, row.ID, now)
		sess.lastUsed = now
	}
	s.cache.put(gen, sess)
	v := sess.viewer
	return &v, nil
}

// touchToken writes a token's last-used time in one statement. It bypasses ent's hooks on
// purpose: the time is bookkeeping, not a change of the registers, so it neither bumps the data
// version (which would throw away the plan's cached indicators once a minute per active token)
// nor drops cached sessions nor writes an audit event.
const touchToken = "UPDATE " + apitoken.Table + " SET " + apitoken.FieldLastUsedAt + " = $1 WHERE " + apitoken.FieldID + " = $2"

// touch records that a token was used; best effort, a failed write must not fail the request.
func (s *Service) touch(ctx context.Context, tokenID int, now time.Time) {
	_, _ = s.client.ExecContext(ctx, touchToken, now, tokenID)
}

// errToken answers a bearer token that does not sign in.
func errToken() error {
	return &apperr.Error{Code: apperr.CodeUnauthenticated, ZH: "令牌无效或已过期，请重新登录", EN: "the token is invalid or expired; sign in again"}
}

// viewerOf builds the viewer of an account loaded with its scope edges.
func viewerOf(acc *ent.Account) *viewer.Viewer {
	v := &viewer.Viewer{AccountID: acc.ID, Username: acc.Username, Role: viewer.Role(acc.Role)}
	if a := acc.Edges.Agency; a != nil {
		v.AgencyID = a.ID
	}
	if r := acc.Edges.Region; r != nil {
		v.RegionCode = r.Code
	}
	if u := acc.Edges.University; u != nil {
		v.UniversityID = u.ID
	}
	return v
}

// CheckedHash checks a new password's length and returns its hash.
func CheckedHash(password string) (string, error) {
	if len([]rune(password)) < MinPasswordLen {
		return "", apperr.Invalid("password", fmt.Sprintf("密码至少 %d 个字符", MinPasswordLen), fmt.Sprintf("the password needs at least %d characters", MinPasswordLen))
	}
	return HashPassword(password)
}

// CreateAccount creates an account with a password (from the command line or start-up).
func CreateAccount(ctx context.Context, tx *ent.Client, username, displayName string, role account.Role, password string) (*ent.Account, error) {
	hash, err := CheckedHash(password)
	if err != nil {
		return nil, err
	}
	return tx.Account.Create().
		SetUsername(strings.TrimSpace(username)).
		SetDisplayName(displayName).
		SetRole(role).
		SetPasswordHash(hash).
		Save(ctx)
}
