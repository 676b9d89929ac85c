package graph

import (
	"context"
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
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"swtalent/internal/apperr"
	"swtalent/modules"
)

// Options tune the HTTP handler.
type Options struct {
	// CORSOrigins are the browser origins allowed to call the API from another site; none by
	// default (same origin only).
	CORSOrigins []string
	// MaxBodyBytes caps a request body; 1 MiB when zero.
	MaxBodyBytes int64
	// MaxComplexity caps a query's complexity (each field counts 1); 5000 when zero.
	MaxComplexity int
	// Logger receives internal errors; slog.Default() when nil.
	Logger *slog.Logger
}

// NewServer returns the GraphQL executor with the transports and extensions swtalent uses:
// POST and GET (queries only), introspection, a complexity limit, one transaction per mutation
// request, the page-size rules and the error presenter. It deliberately avoids
// handler.NewDefaultServer, which enables websockets, multipart uploads and APQ.
func NewServer(cfg modules.Config, opt Options) *handler.Server {
	opt = opt.withDefaults()
	srv := handler.New(NewExecutableSchema(Config{Resolvers: NewResolver(cfg)}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.FixedComplexityLimit(opt.MaxComplexity))
	srv.Use(entgql.Transactioner{TxOpener: cfg.Client})
	srv.AroundFields(pageLimits)
	srv.SetErrorPresenter(presenter(opt.Logger))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		opt.Logger.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		return apperr.Internal(fmt.Errorf("panic: %v", v))
	})
	return srv
}

// NewHandler returns the whole HTTP surface: /graphql (the API), / (the playground) and /healthz,
// behind CORS and a request-body limit.
func NewHandler(cfg modules.Config, opt Options) http.Handler {
	opt = opt.withDefaults()
	api := NewServer(cfg, opt)
	mux := http.NewServeMux()
	mux.Handle("/graphql", limitBody(api, opt.MaxBodyBytes))
	mux.Handle("GET /{$}", playground.Handler("swtalent — 弋阳县社会工作人才", "/graphql"))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if _, err := cfg.Client.Region.Query().Limit(1).Count(ctx); err != nil {
			opt.Logger.ErrorContext(ctx, "health check failed", "error", err)
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	c := cors.New(cors.Options{
		AllowedOrigins: opt.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Authorization", "Content-Type"},
		MaxAge:         600,
	})
	return c.Handler(mux)
}

// limitBody caps request bodies: gqlgen's POST transport reads the whole body with no limit.
func limitBody(next http.Handler, max int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, max)
		next.ServeHTTP(w, r)
	})
}

func (o Options) withDefaults() Options {
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = 1 << 20
	}
	if o.MaxComplexity == 0 {
		o.MaxComplexity = 5000
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

var _ graphql.FieldMiddleware = pageLimits
