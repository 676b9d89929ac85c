package graph

// Hardening of the GraphQL surface against hostile or careless requests.
//
// Two layers protect the executor:
//
//   - guard, an HTTP middleware in front of gqlgen, bounds what reaches it: a per-request
//     timeout, one JSON request per POST (no batching, no forms, no multipart), a 1 MiB body
//     answered 413 beyond that, and a cross-origin check that refuses POSTs a browser sends on
//     behalf of a site the API does not trust.
//   - gqlgen extensions bound what an operation may ask for: operationLimits refuses documents
//     nested too deeply, with too many aliases or directives, or costing more than the complexity
//     budget (a connection costs its page size times its children), and introspectionGate
//     allows introspection to signed-in viewers only. Before gqlgen validates a new document,
//     operationLimits also refuses shapes that would make validation itself expensive, and
//     after it, argument values too large for the database. The parser's token limit
//     (Options.MaxTokens) bounds the document itself.
//
// Every refusal is a GraphQL error in the API's shape: a bilingual message and extensions.code.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"swtalent/internal/apperr"
	"swtalent/internal/viewer"
)

// Defaults of the Options that bound a request.
const (
	// DefaultMaxDepth is how deeply fields may nest in an operation (Options.MaxDepth).
	DefaultMaxDepth = 15
	// DefaultMaxAliases is how many aliased fields an operation may hold, counted as executed:
	// an alias inside a fragment counts once per spread (Options.MaxAliases).
	DefaultMaxAliases = 50
	// DefaultMaxDirectives is how many directives an operation may hold, counted like aliases
	// (Options.MaxDirectives).
	DefaultMaxDirectives = 50
	// DefaultMaxComplexity is the cost budget of an operation (Options.MaxComplexity): every
	// field costs 1 plus its children, and the edges and nodes of a connection cost their page
	// size (first/last, DefaultPage when absent) times their children.
	DefaultMaxComplexity = 20000
	// DefaultMaxTokens is how many lexical tokens a document may hold (Options.MaxTokens).
	DefaultMaxTokens = 15000
	// DefaultTimeout is how long a request may take, body upload included (Options.Timeout).
	DefaultTimeout = 30 * time.Second
	// DefaultMaxBodyBytes is the largest request body accepted (Options.MaxBodyBytes).
	DefaultMaxBodyBytes = 1 << 20
)

// Caps that keep gqlparser's validation cheap. Its OverlappingFieldsCanBeMerged rule compares
// every pair of fields that land on the same response path, recursing into their selections, so
// a document within the token limit can cost seconds or minutes of CPU: `{ a a a … }` with 7000
// fields takes ~5 s, ten `parent` fields each holding ten `parent` fields three levels down
// ~10 s. These caps are checked on the parsed document before gqlgen validates it; within them
// the most expensive document found validates in about 50 ms.
const (
	// maxRepeats is how often one response path (such as regions.edges.node.code) may be
	// selected in an operation, fragments expanded: the rule's pairwise work grows with its
	// square. Clients that add id or __typename to each of many fragments stay well below it.
	maxRepeats = 50
	// maxSelections is how many fields an operation may select, fragments expanded.
	maxSelections = 10000
	// maxFragments is how many fragment definitions a document may hold.
	maxFragments = 100
)

// Caps on argument values, literal or from variables. SQLite refuses statements with more than
// 32766 parameters or deeply nested expressions; a filter that large is refused up front rather
// than failing inside the database.
const (
	// maxInputItems is how many items one input list may hold.
	maxInputItems = 1000
	// maxInputDepth is how deeply input objects and lists may nest.
	maxInputDepth = 30
)

// codeComplexity is gqlgen's own code for an operation over the complexity budget, kept so that
// clients see the same code as with gqlgen's ComplexityLimit extension.
const codeComplexity = "COMPLEXITY_LIMIT_EXCEEDED"

func init() {
	// An operation refused before it runs is a protocol error, answered 422 (or 400 for
	// application/graphql-response+json) like parse and validation errors, not 200.
	errcode.RegisterErrorType(string(apperr.CodeLimitExceeded), errcode.KindProtocol)
	errcode.RegisterErrorType(codeComplexity, errcode.KindProtocol)
}

// ---------------------------------------------------------------------------------------------
// HTTP layer

// guard is the HTTP front of the GraphQL endpoint. It bounds every request by opt.Timeout and
// lets through only what gqlgen's GET and POST transports are meant to see:
//
//   - GET with well-formed query parameters (getQueriesOnly then refuses mutations);
//   - POST with Content-Type application/json and one JSON object of at most opt.MaxBodyBytes
//     (413 beyond), never a JSON array of operations;
//   - POST from a browser only when its Origin is the API's own host or in origins;
//   - OPTIONS (CORS preflights are answered by rs/cors before this).
//
// Anything else is answered here with a GraphQL error carrying extensions.code.
func guard(next http.Handler, opt Options, origins originPolicy) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), opt.Timeout)
		defer cancel()
		r = r.WithContext(ctx)

		if r.Header.Get("Upgrade") != "" {
			writeError(w, http.StatusBadRequest, apperr.CodeBadUserInput,
				"不支持协议升级（如 WebSocket）", "protocol upgrades such as websockets are not supported")
			return
		}
		switch r.Method {
		case http.MethodOptions:
			next.ServeHTTP(w, r)
		case http.MethodGet:
			if ok := checkGETParams(w, r); ok {
				next.ServeHTTP(w, r)
			}
		case http.MethodPost:
			if !origins.allows(r) {
				writeError(w, http.StatusForbidden, apperr.CodeForbidden,
					"不接受来自其他网站的请求", "cross-site requests from this origin are not allowed")
				return
			}
			if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
				writeError(w, http.StatusUnsupportedMediaType, apperr.CodeBadUserInput,
					"请求须为 Content-Type: application/json", "requests must be sent as Content-Type: application/json")
				return
			}
			body, ok := readBody(w, r, opt.MaxBodyBytes)
			if !ok {
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.ContentLength = int64(len(body))
			next.ServeHTTP(w, r)
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			writeError(w, http.StatusMethodNotAllowed, apperr.CodeBadUserInput,
				"只支持 GET 和 POST 请求", "only GET and POST requests are supported")
		}
	})
}

// checkGETParams answers a GET whose query parameters gqlgen could not decode, which the GET
// transport would answer without an error code. It reports whether the request may go on.
func checkGETParams(w http.ResponseWriter, r *http.Request) bool {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, apperr.CodeBadUserInput,
			"URL 查询参数格式错误", "the URL query parameters are malformed")
		return false
	}
	for _, name := range []string{"variables", "extensions"} {
		if v := q.Get(name); v != "" && !isJSONObject([]byte(v)) {
			writeError(w, http.StatusBadRequest, apperr.CodeBadUserInput,
				"参数 "+name+" 须为 JSON 对象", "the "+name+" parameter must be a JSON object")
			return false
		}
	}
	return true
}

// readBody reads a POST body of at most max bytes within the request's deadline and checks that
// it holds one GraphQL request: a JSON object, not an array of them. It answers the request and
// returns false when the body is refused.
func readBody(w http.ResponseWriter, r *http.Request, max int64) ([]byte, bool) {
	tooLarge := func() ([]byte, bool) {
		writeError(w, http.StatusRequestEntityTooLarge, apperr.CodeLimitExceeded,
			fmt.Sprintf("请求体超过 %d 字节", max), fmt.Sprintf("the request body exceeds %d bytes", max))
		return nil, false
	}
	if r.ContentLength > max {
		return tooLarge()
	}
	// A slow upload must not outlast the request: bound the body read by the context deadline.
	rc := http.NewResponseController(w)
	if deadline, ok := r.Context().Deadline(); ok && rc.SetReadDeadline(deadline) == nil {
		defer func() { _ = rc.SetReadDeadline(time.Time{}) }()
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	var mbe *http.MaxBytesError
	var ne net.Error
	switch {
	case errors.As(err, &mbe):
		return tooLarge()
	case errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		writeError(w, http.StatusRequestTimeout, apperr.CodeLimitExceeded,
			"请求体上传超时", "the request body took too long to arrive")
		return nil, false
	case err != nil:
		writeError(w, http.StatusBadRequest, apperr.CodeBadUserInput,
			"无法读取请求体", "the request body could not be read")
		return nil, false
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		writeError(w, http.StatusBadRequest, apperr.CodeBadUserInput,
			"不支持批量请求，请每次发送一个操作", "batched requests are not supported; send one operation per request")
		return nil, false
	}
	var req struct {
		Query         string                     `json:"query"`
		OperationName string                     `json:"operationName"`
		Variables     map[string]json.RawMessage `json:"variables"`
		Extensions    map[string]json.RawMessage `json:"extensions"`
	}
	if len(trimmed) == 0 || trimmed[0] != '{' || json.Unmarshal(trimmed, &req) != nil {
		writeError(w, http.StatusBadRequest, apperr.CodeBadUserInput,
			"请求体须为 JSON 对象 {query, variables, operationName}",
			"the request body must be a JSON object {query, variables, operationName}")
		return nil, false
	}
	return body, true
}

// isJSONObject reports whether b is a JSON object.
func isJSONObject(b []byte) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal(b, &m) == nil && m != nil
}

// writeError answers a request with a GraphQL response holding one error.
func writeError(w http.ResponseWriter, status int, code apperr.Code, zh, en string) {
	msg := (&apperr.Error{ZH: zh, EN: en}).Error()
	body, _ := json.Marshal(graphql.Response{Errors: gqlerror.List{{
		Message:    msg,
		Extensions: map[string]any{"code": string(code)},
	}}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// originPolicy decides which browser origins may POST to the API.
type originPolicy struct {
	exact    map[string]bool
	patterns [][2]string // prefix and suffix around one "*", as rs/cors understands them
}

// newOriginPolicy builds the policy from Options.CORSOrigins and returns it with the list to
// hand rs/cors. The API never trusts every origin: "*" and "null" (sandboxed frames, local
// files) are dropped with a logged warning.
func newOriginPolicy(origins []string, log *slog.Logger) (originPolicy, []string) {
	p := originPolicy{exact: map[string]bool{}}
	var kept []string
	for _, o := range origins {
		o = strings.ToLower(strings.TrimRight(strings.TrimSpace(o), "/"))
		switch {
		case o == "":
			continue
		case o == "*" || o == "null":
			log.Warn("ignoring CORS origin: list the sites allowed to call the API explicitly", "origin", o)
			continue
		case strings.Count(o, "*") == 1:
			i := strings.IndexByte(o, '*')
			p.patterns = append(p.patterns, [2]string{o[:i], o[i+1:]})
		case strings.Contains(o, "*"):
			log.Warn("ignoring CORS origin with more than one wildcard", "origin", o)
			continue
		default:
			p.exact[o] = true
		}
		kept = append(kept, o)
	}
	return p, kept
}

// allows reports whether a POST may go on. Requests without an Origin header come from
// programs (curl, servers) or from the same origin, and pass unless the browser marks them
// cross-site (Sec-Fetch-Site). A request whose Origin is the API's own host passes.
func (p originPolicy) allows(r *http.Request) bool {
	origin := strings.ToLower(r.Header.Get("Origin"))
	if origin == "" {
		return r.Header.Get("Sec-Fetch-Site") != "cross-site"
	}
	if p.exact[origin] {
		return true
	}
	for _, pat := range p.patterns {
		if len(origin) >= len(pat[0])+len(pat[1]) && strings.HasPrefix(origin, pat[0]) && strings.HasSuffix(origin, pat[1]) {
			return true
		}
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	return withoutDefaultPort(u.Host) == withoutDefaultPort(strings.ToLower(r.Host))
}

// withoutDefaultPort drops :80 or :443 from host:port, as browsers do in Origin headers.
func withoutDefaultPort(hostport string) string {
	if h, p, err := net.SplitHostPort(hostport); err == nil && (p == "80" || p == "443") {
		if strings.Contains(h, ":") {
			return "[" + h + "]"
		}
		return h
	}
	return hostport
}

// getQueriesOnly is gqlgen's GET transport, refusing mutations with an error that carries
// extensions.code and HTTP 405 (gqlgen's own answer has no code).
type getQueriesOnly struct{ transport.GET }

// Do runs the request through the GET transport with an executor that refuses mutations.
func (t getQueriesOnly) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	q := &queryOnlyExecutor{GraphExecutor: exec}
	t.GET.Do(&refusedStatus{ResponseWriter: w, refused: &q.refused}, r, q)
}

// queryOnlyExecutor refuses operations other than queries.
type queryOnlyExecutor struct {
	graphql.GraphExecutor
	refused bool
}

// CreateOperationContext prepares the operation and refuses it unless it is a query.
func (e *queryOnlyExecutor) CreateOperationContext(ctx context.Context, raw *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	opCtx, errs := e.GraphExecutor.CreateOperationContext(ctx, raw)
	if errs != nil || opCtx.Operation == nil || opCtx.Operation.Operation == ast.Query {
		return opCtx, errs
	}
	e.refused = true
	return opCtx, gqlerror.List{newError(apperr.CodeBadUserInput,
		"GET 请求只能执行查询，变更请用 POST", "GET requests may only run queries; send mutations by POST")}
}

// refusedStatus turns the status of a response into 405 once the executor refused the request.
type refusedStatus struct {
	http.ResponseWriter
	refused *bool
}

// WriteHeader writes 405 Method Not Allowed for a refused request, else code.
func (w *refusedStatus) WriteHeader(code int) {
	if *w.refused {
		w.Header().Set("Allow", "POST")
		code = http.StatusMethodNotAllowed
	}
	w.ResponseWriter.WriteHeader(code)
}

// answerExpired is an operation middleware that answers an operation whose request ran out of
// time (Options.Timeout) or lost its client before it started with LIMIT_EXCEEDED; gqlgen would
// otherwise answer such a request with the body "null".
func answerExpired(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	h := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		if ctx.Err() != nil {
			return &graphql.Response{Errors: gqlerror.List{newError(apperr.CodeLimitExceeded,
				"请求处理超时", "the request took too long")}}
		}
		return h(ctx)
	}
}

// newError returns a GraphQL error in the API's shape.
func newError(code apperr.Code, zh, en string) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    (&apperr.Error{ZH: zh, EN: en}).Error(),
		Extensions: map[string]any{"code": string(code)},
	}
}

// ---------------------------------------------------------------------------------------------
// Introspection

// introspectionGate enables introspection (__schema, __type) for signed-in viewers only; the
// anonymous public is refused with FORBIDDEN before the operation runs. The viewer is read from
// the request context, where the authentication middleware put it.
type introspectionGate struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = introspectionGate{}

// ExtensionName names the extension in gqlgen's extension list.
func (introspectionGate) ExtensionName() string { return "IntrospectionForSignedIn" }

// Validate accepts every schema.
func (introspectionGate) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext enables introspection for a signed-in viewer, and refuses an
// anonymous operation that introspects.
func (introspectionGate) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if viewer.FromContext(ctx).SignedIn() {
		opCtx.DisableIntrospection = false
		return nil
	}
	opCtx.DisableIntrospection = true
	if introspects(opCtx.Doc, opCtx.Operation.SelectionSet, map[string]bool{}) {
		return newError(apperr.CodeForbidden, "内省查询仅对已登录用户开放", "introspection is available to signed-in users only")
	}
	return nil
}

// introspects reports whether a root selection set asks for __schema or __type (validation
// allows them on the root type only), looking through fragments once each.
func introspects(doc *ast.QueryDocument, ss ast.SelectionSet, seen map[string]bool) bool {
	for _, sel := range ss {
		switch sel := sel.(type) {
		case *ast.Field:
			if sel.Name == "__schema" || sel.Name == "__type" {
				return true
			}
		case *ast.InlineFragment:
			if introspects(doc, sel.SelectionSet, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if seen[sel.Name] {
				continue
			}
			seen[sel.Name] = true
			if def := fragment(doc, sel); def != nil && introspects(doc, def.SelectionSet, seen) {
				return true
			}
		}
	}
	return false
}

// fragment returns the definition a spread names, or nil when the document lacks it.
func fragment(doc *ast.QueryDocument, sp *ast.FragmentSpread) *ast.FragmentDefinition {
	if sp.Definition != nil {
		return sp.Definition
	}
	if doc == nil {
		return nil
	}
	return doc.Fragments.ForName(sp.Name)
}

// ---------------------------------------------------------------------------------------------
// Operation limits

// operationLimits is a gqlgen extension that bounds what one operation may ask for: its depth,
// its aliases, its directives and its cost. It checks twice:
//
//   - before validation (MutateOperationParameters), on a document gqlgen has not validated
//     before, so that a hostile document is refused before gqlparser's validation spends
//     quadratic time on it; this also applies maxRepeats, maxSelections and maxFragments;
//   - after validation (MutateOperationContext), on the operation to run, where the schema's
//     types are known and the cost can be computed with the request's variables.
type operationLimits struct {
	maxDepth, maxAliases, maxDirectives, maxComplexity, maxTokens int
	// validated holds the documents gqlgen has parsed and validated; a hit skips the pre-check.
	validated graphql.Cache[*ast.QueryDocument]
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = operationLimits{}

// newOperationLimits returns the limits of opt; validated is the executor's query cache.
func newOperationLimits(opt Options, validated graphql.Cache[*ast.QueryDocument]) operationLimits {
	return operationLimits{
		maxDepth:      opt.MaxDepth,
		maxAliases:    opt.MaxAliases,
		maxDirectives: opt.MaxDirectives,
		maxComplexity: opt.MaxComplexity,
		maxTokens:     opt.MaxTokens,
		validated:     validated,
	}
}

// ExtensionName names the extension in gqlgen's extension list.
func (operationLimits) ExtensionName() string { return "OperationLimits" }

// Validate accepts every schema.
func (operationLimits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters refuses, before gqlgen validates it, a document that breaks a
// limit. Documents that do not parse are left for gqlgen to report.
func (l operationLimits) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	if raw.Query == "" {
		return nil
	}
	if l.validated != nil {
		if _, ok := l.validated.Get(ctx, raw.Query); ok {
			return nil
		}
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: raw.Query}, l.maxTokens)
	if err != nil {
		return nil
	}
	if n := len(doc.Fragments); n > maxFragments {
		return newError(apperr.CodeLimitExceeded,
			fmt.Sprintf("片段过多（%d 个，最多 %d 个）", n, maxFragments),
			fmt.Sprintf("too many fragments (%d, at most %d)", n, maxFragments))
	}
	for _, op := range doc.Operations {
		if e := l.check(measure(doc, op, false, nil), false); e != nil {
			return e
		}
	}
	return (&overlapGuard{doc: doc}).check()
}

// MutateOperationContext refuses an operation that breaks a limit, its cost included.
func (l operationLimits) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	return l.check(measure(opCtx.Doc, opCtx.Operation, true, opCtx.Variables), true)
}

// check compares the measures of an operation with the limits.
func (l operationLimits) check(m measures, withCost bool) *gqlerror.Error {
	switch {
	case m.depth > l.maxDepth:
		return newError(apperr.CodeLimitExceeded,
			fmt.Sprintf("查询嵌套过深（%d 层，最多 %d 层）", m.depth, l.maxDepth),
			fmt.Sprintf("the operation is nested too deeply (%d levels, at most %d)", m.depth, l.maxDepth))
	case m.aliases > l.maxAliases:
		return newError(apperr.CodeLimitExceeded,
			fmt.Sprintf("别名过多（%s 个，最多 %d 个）", count(m.aliases), l.maxAliases),
			fmt.Sprintf("too many aliases (%s, at most %d)", count(m.aliases), l.maxAliases))
	case m.directives > l.maxDirectives:
		return newError(apperr.CodeLimitExceeded,
			fmt.Sprintf("指令过多（%s 个，最多 %d 个）", count(m.directives), l.maxDirectives),
			fmt.Sprintf("too many directives (%s, at most %d)", count(m.directives), l.maxDirectives))
	case withCost && m.inputItems > maxInputItems:
		return newError(apperr.CodeLimitExceeded,
			fmt.Sprintf("输入列表过长（%d 项，最多 %d 项）", m.inputItems, maxInputItems),
			fmt.Sprintf("an input list is too long (%d items, at most %d)", m.inputItems, maxInputItems))
	case withCost && m.inputDepth > maxInputDepth:
		return newError(apperr.CodeLimitExceeded,
			fmt.Sprintf("输入值嵌套过深（最多 %d 层）", maxInputDepth),
			fmt.Sprintf("an input value is nested too deeply (at most %d levels)", maxInputDepth))
	case withCost && m.cost > l.maxComplexity:
		e := newError(codeComplexity,
			fmt.Sprintf("查询过于复杂（复杂度 %s，上限 %d），请减小分页或少选字段", count(m.cost), l.maxComplexity),
			fmt.Sprintf("the operation has complexity %s, which exceeds the limit of %d; ask for smaller pages or fewer fields", count(m.cost), l.maxComplexity))
		return e
	}
	return nil
}

// count formats a saturated measure.
func count(n int) string {
	if n == math.MaxInt {
		return "∞"
	}
	return strconv.Itoa(n)
}

// overlapGuard counts how often each response path is selected, inline and named fragments
// expanded as gqlparser's validation merges them, and refuses a document whose selections would
// make that validation expensive (maxRepeats, maxSelections).
type overlapGuard struct {
	doc        *ast.QueryDocument
	paths      map[responsePath]int // merged response path -> index into counts
	counts     []int
	selections int
	active     map[string]bool // fragments being expanded, against cycles
}

// responsePath is a response name under a parent path (an index into overlapGuard.counts).
type responsePath struct {
	parent int
	name   string
}

// check walks every operation and fragment definition of the document: validation looks at
// each of them, used or not.
func (g *overlapGuard) check() *gqlerror.Error {
	g.paths, g.active = map[responsePath]int{}, map[string]bool{}
	for _, op := range g.doc.Operations {
		if err := g.root(op.SelectionSet); err != nil {
			return err
		}
	}
	for _, f := range g.doc.Fragments {
		if err := g.root(f.SelectionSet); err != nil {
			return err
		}
	}
	return nil
}

// root walks a selection set in a path space of its own.
func (g *overlapGuard) root(ss ast.SelectionSet) *gqlerror.Error {
	g.counts = append(g.counts, 0)
	return g.walk(ss, len(g.counts)-1)
}

// walk counts the fields of ss under the path parent.
func (g *overlapGuard) walk(ss ast.SelectionSet, parent int) *gqlerror.Error {
	for _, sel := range ss {
		switch sel := sel.(type) {
		case *ast.Field:
			if g.selections++; g.selections > maxSelections {
				return newError(apperr.CodeLimitExceeded,
					fmt.Sprintf("查询选择的字段过多（片段展开后最多 %d 个）", maxSelections),
					fmt.Sprintf("the document selects too many fields (at most %d, fragments expanded)", maxSelections))
			}
			name := sel.Alias
			if name == "" {
				name = sel.Name
			}
			key := responsePath{parent, name}
			i, ok := g.paths[key]
			if !ok {
				i = len(g.counts)
				g.paths[key] = i
				g.counts = append(g.counts, 0)
			}
			if g.counts[i]++; g.counts[i] > maxRepeats {
				return newError(apperr.CodeLimitExceeded,
					fmt.Sprintf("字段“%s”在同一位置被选择过多（片段展开后最多 %d 次）", name, maxRepeats),
					fmt.Sprintf("%q is selected too often at one place (at most %d times, fragments expanded)", name, maxRepeats))
			}
			if err := g.walk(sel.SelectionSet, i); err != nil {
				return err
			}
		case *ast.InlineFragment:
			if err := g.walk(sel.SelectionSet, parent); err != nil {
				return err
			}
		case *ast.FragmentSpread:
			def := fragment(g.doc, sel)
			if def == nil || g.active[sel.Name] {
				continue
			}
			g.active[sel.Name] = true
			err := g.walk(def.SelectionSet, parent)
			delete(g.active, sel.Name)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// measures describe a selection set: how deeply its fields nest, how many aliases and
// directives it holds once its fragments are expanded, its cost, and the longest list and
// deepest nesting among its arguments' values.
type measures struct {
	depth, aliases, directives, cost int
	inputItems, inputDepth           int
}

// add merges the measures of a sibling selection.
func (m *measures) add(o measures) {
	m.depth = max(m.depth, o.depth)
	m.aliases = satAdd(m.aliases, o.aliases)
	m.directives = satAdd(m.directives, o.directives)
	m.cost = satAdd(m.cost, o.cost)
	m.inputItems = max(m.inputItems, o.inputItems)
	m.inputDepth = max(m.inputDepth, o.inputDepth)
}

// measure walks an operation. validated tells whether the document has been validated, so that
// its fields' definitions are known and the cost and argument values (with vars, the request's
// variables) can be measured.
func measure(doc *ast.QueryDocument, op *ast.OperationDefinition, validated bool, vars map[string]any) measures {
	if op == nil {
		return measures{}
	}
	w := walker{doc: doc, validated: validated, vars: vars, memo: map[fragmentUse]measures{}, active: map[string]bool{}}
	m := w.selectionSet(op.SelectionSet, 1)
	m.directives = satAdd(m.directives, len(op.Directives))
	return m
}

// fragmentUse is a fragment spread in a context: the page size its list fields are multiplied
// by (1 outside connections).
type fragmentUse struct {
	name string
	page int
}

// walker measures selection sets, each fragment once per page size however often it is spread,
// so that fragments spread within fragments cannot make the walk exponential.
type walker struct {
	doc       *ast.QueryDocument
	validated bool
	vars      map[string]any
	memo      map[fragmentUse]measures
	active    map[string]bool // fragments being walked, against cycles (validation refuses them)
}

// selectionSet measures ss. page multiplies the cost of list fields: inside a connection, its
// edges and nodes are fetched page times.
func (w *walker) selectionSet(ss ast.SelectionSet, page int) measures {
	var m measures
	for _, sel := range ss {
		switch sel := sel.(type) {
		case *ast.Field:
			f := w.field(sel)
			if page != 1 && sel.Definition != nil && sel.Definition.Type.Elem != nil {
				f.cost = satMul(f.cost, page)
			}
			m.add(f)
		case *ast.InlineFragment:
			f := w.selectionSet(sel.SelectionSet, page)
			f.directives = satAdd(f.directives, len(sel.Directives))
			m.add(f)
		case *ast.FragmentSpread:
			f := w.spread(sel, page)
			f.directives = satAdd(f.directives, len(sel.Directives))
			m.add(f)
		}
	}
	return m
}

// field measures one field: it is one level deeper and costs 1 more than its children.
// Introspection (__schema, __type) counts as one level and cost 1: gqlparser bounds its depth,
// and only signed-in viewers may run it.
func (w *walker) field(f *ast.Field) measures {
	page := 1
	if f.Definition != nil && strings.HasSuffix(f.Definition.Type.Name(), "Connection") {
		page = w.pageSize(f)
	}
	m := w.selectionSet(f.SelectionSet, page)
	if w.validated && f.Definition != nil && len(f.Arguments) > 0 {
		for _, v := range f.ArgumentMap(w.vars) {
			items, depth := inputSize(reflect.ValueOf(v), 0)
			m.inputItems, m.inputDepth = max(m.inputItems, items), max(m.inputDepth, depth)
		}
	}
	m.depth++
	m.cost = satAdd(m.cost, 1)
	m.directives = satAdd(m.directives, len(f.Directives))
	if f.Alias != "" && f.Alias != f.Name {
		m.aliases = satAdd(m.aliases, 1)
	}
	if f.Name == "__schema" || f.Name == "__type" {
		m.depth, m.cost = 1, 1
	}
	return m
}

// spread measures a fragment spread.
func (w *walker) spread(sp *ast.FragmentSpread, page int) measures {
	key := fragmentUse{sp.Name, page}
	if m, ok := w.memo[key]; ok {
		return m
	}
	def := fragment(w.doc, sp)
	if def == nil || w.active[sp.Name] {
		return measures{}
	}
	w.active[sp.Name] = true
	m := w.selectionSet(def.SelectionSet, page)
	m.directives = satAdd(m.directives, len(def.Directives))
	delete(w.active, sp.Name)
	w.memo[key] = m
	return m
}

// pageSize is the number of items a connection field asks for: first or last (the larger when
// both are given), DefaultPage when neither is. Sizes above MaxPage count as MaxPage: the page
// rules refuse them with BAD_USER_INPUT when the field runs, which says more than a cost.
func (w *walker) pageSize(f *ast.Field) int {
	args := f.ArgumentMap(w.vars)
	n, given := 0, false
	for _, name := range []string{"first", "last"} {
		if v, ok := toInt(args[name]); ok {
			n, given = max(n, v), true
		}
	}
	if !given {
		return DefaultPage
	}
	return min(max(n, 0), MaxPage)
}

// inputSize returns the longest list in an argument value and how deeply its objects and
// lists nest, looking no deeper than maxInputDepth+1 levels.
func inputSize(v reflect.Value, depth int) (items, maxDepth int) {
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return 0, depth
		}
		v = v.Elem()
	}
	if depth > maxInputDepth {
		return 0, depth
	}
	maxDepth = depth
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		items, maxDepth = v.Len(), depth+1
		for i := range v.Len() {
			n, d := inputSize(v.Index(i), depth+1)
			items, maxDepth = max(items, n), max(maxDepth, d)
		}
	case reflect.Map:
		maxDepth = depth + 1
		for it := v.MapRange(); it.Next(); {
			n, d := inputSize(it.Value(), depth+1)
			items, maxDepth = max(items, n), max(maxDepth, d)
		}
	}
	return items, maxDepth
}

// toInt reads an Int argument as gqlparser and gqlgen may hold it.
func toInt(v any) (int, bool) {
	switch v := v.(type) {
	case int:
		return v, true
	case int32:
		return int(v), true
	case int64:
		return int(min(max(v, math.MinInt32), math.MaxInt32)), true
	case float64:
		return int(min(max(v, math.MinInt32), math.MaxInt32)), true
	case json.Number:
		f, err := v.Float64()
		return int(min(max(f, math.MinInt32), math.MaxInt32)), err == nil
	case *int:
		if v != nil {
			return *v, true
		}
	}
	return 0, false
}

// satAdd adds two non-negative measures, saturating at math.MaxInt.
func satAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

// satMul multiplies two non-negative measures, saturating at math.MaxInt.
func satMul(a, b int) int {
	if a != 0 && b > math.MaxInt/a {
		return math.MaxInt
	}
	return a * b
}
