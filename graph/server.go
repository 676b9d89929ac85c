package graph

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"swtalent/ent/privacy"
	"swtalent/internal/apperr"
	"swtalent/internal/auth"
	"swtalent/internal/dashboard"
	"swtalent/internal/playground"
	"swtalent/internal/transfer"
	"swtalent/modules"
)

// Options tune the HTTP handler. Zero values take the defaults named after each field.
type Options struct {
	// CORSOrigins are the browser origins allowed to call the API from another site, such as
	// "https://app.example.org" (one "*" wildcard inside a name is allowed); none by default
	// (same origin only). "*" and "null" are ignored with a logged warning: the list is explicit.
	CORSOrigins []string
	// MaxBodyBytes caps a request body, answered 413 beyond; DefaultMaxBodyBytes (1 MiB).
	MaxBodyBytes int64
	// MaxImportBytes caps a spreadsheet uploaded to /import/{kind}, answered 413 beyond;
	// DefaultMaxImportBytes (100 MiB).
	MaxImportBytes int64
	// MaxDepth caps how deeply an operation's fields nest; DefaultMaxDepth (15).
	MaxDepth int
	// MaxAliases caps the aliased fields of an operation; DefaultMaxAliases (50).
	MaxAliases int
	// MaxDirectives caps the directives of an operation; DefaultMaxDirectives (50).
	MaxDirectives int
	// MaxComplexity caps an operation's cost, where a connection's edges and nodes cost their
	// page size times their children; DefaultMaxComplexity (20000).
	MaxComplexity int
	// MaxTokens caps the lexical tokens of a document; DefaultMaxTokens (15000).
	MaxTokens int
	// Timeout bounds a request, body upload included; DefaultTimeout (30 s).
	Timeout time.Duration
	// Logger receives internal errors, configuration warnings and one line per request;
	// slog.Default() when nil.
	Logger *slog.Logger
	// DB, when set, adds the database pool's statistics to /metrics.
	DB *sql.DB
	// ReadDB, when set and not DB, adds the statistics of the database's pool of readers (a
	// SQLite file database has one, beside its writer DB) to /metrics, as db_name swtalent_read.
	ReadDB *sql.DB
	// Auth tunes sign-in: the session cache (see auth.Options).
	Auth auth.Options
	// ResponseCacheEntries bounds how many answers of queries are kept in memory (see
	// responseCache); DefaultResponseCacheEntries (1000). Negative turns the cache off.
	ResponseCacheEntries int
	// ResponseCacheBytes bounds the total size of the kept answers; DefaultResponseCacheBytes
	// (32 MiB). Negative turns the cache off.
	ResponseCacheBytes int64
	// Jobs runs the import jobs; one of its own when nil. Give one to stop its jobs on shutdown.
	Jobs *transfer.Jobs
	// aroundFields, when set, runs around every field after the API's own field middleware;
	// only tests set it (export_test.go), to observe or break field resolution.
	aroundFields graphql.FieldMiddleware
	// cacheWindow, when positive, replaces the response cache's window of lookups (see
	// responseCache); only tests set it (export_test.go).
	cacheWindow int
}

// NewServer returns the GraphQL executor with the transports and extensions swtalent uses:
// POST and GET (queries only), the parser's token limit, the operation limits (depth, aliases,
// directives, complexity), introspection for signed-in viewers, one transaction per mutation
// request, the page-size rules and the error presenter. It deliberately avoids
// handler.NewDefaultServer, which enables websockets and multipart uploads. Automatic persisted
// queries (the protocol Apollo clients speak: a sha256 hash instead of the query text once the
// server has seen it) are on, with the texts kept in a bounded LRU cache; queries are answered
// from the response cache while the data is unchanged (see responseCache).
func NewServer(cfg modules.Config, opt Options) *handler.Server {
	return newServer(NewResolver(cfg), cfg, opt.withDefaults(), nil)
}

// Cache bounds: a query text or parsed document beyond them is evicted least recently used first,
// so many distinct queries (high cardinality) cost a bounded amount of memory, at worst a re-parse
// or, for a persisted query, one PERSISTED_QUERY_NOT_FOUND that the client answers by sending the
// text again.
const (
	parsedQueries    = 1000 // parsed and validated documents, by query text
	persistedQueries = 1000 // query texts, by their sha256 hash (automatic persisted queries)
)

// newServer builds the executor over resolver; m, when set, measures every operation.
func newServer(resolver *Resolver, cfg modules.Config, opt Options, m *metrics) *handler.Server {
	srv := handler.New(NewExecutableSchema(Config{Resolvers: resolver}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(getQueriesOnly{})
	srv.AddTransport(transport.POST{})
	cache := lru.New[*ast.QueryDocument](parsedQueries)
	srv.SetQueryCache(cache)
	srv.SetParserTokenLimit(opt.MaxTokens)
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](persistedQueries)})
	if m != nil {
		srv.Use(m)
	}
	if rc := newResponseCache(cfg, opt.ResponseCacheEntries, opt.ResponseCacheBytes); rc != nil {
		if opt.cacheWindow > 0 {
			rc.window = opt.cacheWindow
		}
		if m != nil {
			m.registry.MustRegister(rc.hits, rc.misses, rc.bypassed)
		}
		srv.Use(rc)
	}
	srv.Use(introspectionGate{})
	srv.Use(newOperationLimits(opt, cache))
	srv.Use(transactions{Transactioner: entgql.Transactioner{TxOpener: cfg.Client}, log: opt.Logger})
	srv.AroundOperations(answerExpired)
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		for _, m := range append(resolver.Modules(), resolver.PlanModule) {
			if rs, ok := m.(modules.RequestScoped); ok {
				ctx = rs.WithRequest(ctx)
			}
		}
		return next(ctx)
	})
	srv.AroundFields(argumentRules)
	if opt.aroundFields != nil {
		srv.AroundFields(opt.aroundFields)
	}
	srv.SetErrorPresenter(presenter(opt.Logger))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		opt.Logger.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		return apperr.Internal(fmt.Errorf("panic: %v", v))
	})
	return srv
}

// NewHandler returns the whole HTTP surface: /graphql (the API), /import/{kind} and
// /export/{kind} (spreadsheets, see transferHandler), / (the playground, served from the binary),
// /dashboard (plan progress as a page, and /dashboard/report.xlsx as a workbook), /healthz (the
// process is alive), /readyz (the database answers) and /metrics (Prometheus), behind CORS,
// with a request id and a log line per request. The API is guarded against oversized, batched,
// form-encoded and cross-site requests and bounded by opt.Timeout (see guard).
func NewHandler(cfg modules.Config, opt Options) http.Handler {
	opt = opt.withDefaults()
	origins, corsOrigins := newOriginPolicy(opt.CORSOrigins, opt.Logger)
	m := newMetrics(opt.DB, opt.ReadDB)
	resolver := newResolver(cfg, opt.Auth)
	if opt.Jobs == nil {
		opt.Jobs = transfer.NewJobs(cfg.Client, cfg.Today, opt.Logger)
	}
	resolver.jobs = opt.Jobs
	api := newServer(resolver, cfg, opt, m)
	mux := http.NewServeMux()
	mux.Handle("/graphql", guard(api, opt, origins))
	sheets := transferHandler{cfg: cfg, jobs: opt.Jobs, kinds: resolver.Sheets(), origins: origins, maxBytes: opt.MaxImportBytes, log: opt.Logger}
	mux.HandleFunc("POST /import/{kind}", sheets.importSheet)
	mux.HandleFunc("GET /import/jobs/{id}", sheets.jobStatus)
	mux.HandleFunc("POST /import/jobs/{id}/cancel", sheets.cancelJob)
	mux.HandleFunc("GET /export/{kind}", sheets.exportSheet)
	pg := playground.New("swtalent — 弋阳县社会工作人才", "/graphql")
	mux.Handle("GET /{$}", pg)
	mux.Handle("GET "+playground.AssetPrefix, pg)
	dash := http.TimeoutHandler(dashboardHandler(resolver, opt.Logger), opt.Timeout, "超时 / timeout")
	mux.Handle("GET "+dashboard.PagePath, dash)
	mux.Handle("GET "+dashboard.ReportPath, dash)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if _, err := cfg.Client.Region.Query().Limit(1).Count(privacy.DecisionContext(ctx, privacy.Allow)); err != nil {
			opt.Logger.ErrorContext(ctx, "readiness check failed", "error", err)
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /metrics", m.handler())
	c := cors.New(cors.Options{
		AllowedOrigins: corsOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Authorization", "Content-Type"},
		MaxAge:         600,
	})
	return requestIDs(c.Handler(resolver.auth.Middleware(mux)), opt.Logger)
}

func (o Options) withDefaults() Options {
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxImportBytes <= 0 {
		o.MaxImportBytes = DefaultMaxImportBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxAliases <= 0 {
		o.MaxAliases = DefaultMaxAliases
	}
	if o.MaxDirectives <= 0 {
		o.MaxDirectives = DefaultMaxDirectives
	}
	if o.MaxComplexity <= 0 {
		o.MaxComplexity = DefaultMaxComplexity
	}
	if o.MaxTokens <= 0 {
		o.MaxTokens = DefaultMaxTokens
	}
	if o.ResponseCacheEntries == 0 {
		o.ResponseCacheEntries = DefaultResponseCacheEntries
	}
	if o.ResponseCacheBytes == 0 {
		o.ResponseCacheBytes = DefaultResponseCacheBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

var _ graphql.FieldMiddleware = argumentRules
