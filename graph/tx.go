package graph

import (
	"context"
	"log/slog"
	"strings"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"swtalent/internal/apperr"
	"swtalent/internal/writeturn"
)

// transactions runs each mutation request in one transaction, as entgql.Transactioner does, but
// answers a failure to open or commit the transaction with a coded INTERNAL error instead of the
// database's own text (which entgql passes straight to the client), and logs the cause.
type transactions struct {
	entgql.Transactioner
	log *slog.Logger
}

// InterceptResponse runs the operation inside the transaction; a mutation first takes its turn
// among the process's writers (package writeturn), so that an import's batches cannot starve it.
func (t transactions) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if op := graphql.GetOperationContext(ctx).Operation; op != nil && op.Operation == ast.Mutation {
		turn := writeturn.For(t.TxOpener)
		if err := turn.Take(ctx); err != nil {
			return graphql.ErrorResponse(ctx, "%s", apperr.Internal(err).Error())
		}
		defer turn.Done()
	}
	rsp := t.Transactioner.InterceptResponse(ctx, next)
	if rsp == nil {
		return rsp
	}
	for i, e := range rsp.Errors {
		if e.Extensions == nil && (strings.HasPrefix(e.Message, "cannot create transaction") || strings.HasPrefix(e.Message, "cannot commit transaction")) {
			t.log.ErrorContext(ctx, "mutation transaction failed", "error", e.Message)
			ae := apperr.Internal(nil)
			rsp.Errors[i] = &gqlerror.Error{Message: ae.Error(), Extensions: map[string]any{"code": string(ae.Code)}}
		}
	}
	return rsp
}
