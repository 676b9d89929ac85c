package graph

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"swtalent/internal/audit"
)

// metrics are the Prometheus series of one handler, in a registry of its own (no globals, so two
// handlers in one process, as in tests, never collide).
type metrics struct {
	registry   *prometheus.Registry
	operations *prometheus.CounterVec   // by operation name and type
	duration   *prometheus.HistogramVec // by operation name
	errors     *prometheus.CounterVec   // by extensions.code
	names      *operationNames
}

// newMetrics registers the API's series, the Go runtime's and, when db is given, the database
// pool's, and read's when it is another pool.
func newMetrics(db, read *sql.DB) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "swtalent_graphql_operations_total", Help: "GraphQL operations executed, by operation name and type.",
		}, []string{"operation", "type"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "swtalent_graphql_operation_seconds", Help: "Time to answer a GraphQL operation, by operation name.",
			Buckets: prometheus.DefBuckets,
		}, []string{"operation"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "swtalent_graphql_errors_total", Help: "Errors in GraphQL responses, by extensions.code.",
		}, []string{"code"}),
		names: &operationNames{seen: map[string]bool{}},
	}
	m.registry.MustRegister(m.operations, m.duration, m.errors,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if db != nil {
		m.registry.MustRegister(collectors.NewDBStatsCollector(db, "swtalent"))
	}
	if read != nil && read != db {
		m.registry.MustRegister(collectors.NewDBStatsCollector(read, "swtalent_read"))
	}
	return m
}

// handler serves /metrics.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// ExtensionName names the gqlgen extension.
func (*metrics) ExtensionName() string { return "Metrics" }

// Validate accepts any schema.
func (*metrics) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse measures one operation and counts its errors.
func (m *metrics) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	start := time.Now()
	rsp := next(ctx)
	op, kind := "", ""
	if oc := graphql.GetOperationContext(ctx); oc != nil {
		op = oc.OperationName
		if oc.Operation != nil {
			kind = string(oc.Operation.Operation)
			if op == "" {
				op = oc.Operation.Name
			}
		}
	}
	op = m.names.label(op)
	m.operations.WithLabelValues(op, kind).Inc()
	m.duration.WithLabelValues(op).Observe(time.Since(start).Seconds())
	if rsp != nil {
		for _, e := range rsp.Errors {
			code, _ := e.Extensions["code"].(string)
			if code == "" {
				code = "UNKNOWN"
			}
			m.errors.WithLabelValues(code).Inc()
		}
	}
	return rsp
}

// operationNames bounds the operation-name label: clients choose the names, so only the first
// maxOperationNames well-formed ones get their own series, the rest count as "other".
type operationNames struct {
	mu   sync.Mutex
	seen map[string]bool
}

const maxOperationNames = 200

var validName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

func (n *operationNames) label(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !validName.MatchString(name) {
		return "other"
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if !n.seen[name] {
		if len(n.seen) >= maxOperationNames {
			return "other"
		}
		n.seen[name] = true
	}
	return name
}

// requestIDs gives every request an id — the client's X-Request-Id when it is a sane token, else
// a fresh one — echoes it in the response, puts it in the context for the audit trail, and logs
// one line per request: method, path, status, duration and id, never bodies or variables (they
// can hold personal data).
func requestIDs(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !validRequestID.MatchString(id) {
			id = ""
		}
		ctx := audit.WithRequestID(r.Context(), id)
		id = audit.RequestID(ctx)
		w.Header().Set("X-Request-Id", id)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		next.ServeHTTP(sw, r.WithContext(ctx))
		log.LogAttrs(ctx, slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)),
			slog.String("request_id", id))
	})
}

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
