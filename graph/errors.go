package graph

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
)

// presenter turns every error a request produces into the API's error shape: a bilingual message
// ("中文 / English"), extensions.code, and extensions.field for bad input. Database messages, ent
// prefixes and personal data never reach the client; unexpected errors are logged and answered
// as INTERNAL.
func presenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		cause := gqlErr.Err
		if cause == nil {
			// gqlgen's own parse and validation errors carry their code already.
			return gqlErr
		}
		ae := classify(cause, fieldFromPath(gqlErr.Path))
		if ae.Code == apperr.CodeInternal {
			log.ErrorContext(ctx, "request failed", "path", gqlErr.Path.String(), "error", cause)
		}
		out := &gqlerror.Error{
			Message:   ae.Error(),
			Path:      gqlErr.Path,
			Locations: gqlErr.Locations,
			Extensions: map[string]any{
				"code": string(ae.Code),
			},
		}
		if ae.Field != "" {
			out.Extensions["field"] = ae.Field
		}
		return out
	}
}

// classify maps an error to an apperr.Error. inputField is the input field the error's path
// names, if any.
func classify(err error, inputField string) *apperr.Error {
	if ae, ok := apperr.As(err); ok {
		if ae.Field == "" && inputField != "" && ae.Code == apperr.CodeBadUserInput {
			return ae.WithField(inputField)
		}
		return ae
	}
	var ce *civil.Error
	if errors.As(err, &ce) {
		return apperr.Invalid(inputField, ce.ZH, ce.EN)
	}
	var ve *ent.ValidationError
	if errors.As(err, &ve) {
		f := camel(ve.Name)
		return apperr.Invalid(f, "“"+f+"”的值无效", "the value of "+f+" is not valid")
	}
	switch {
	case ent.IsConstraintError(err):
		return apperr.Conflict(inputField, "与已有记录冲突，或引用的记录不存在", "conflicts with an existing record, or refers to a record that does not exist")
	case ent.IsNotFound(err):
		return apperr.NotFound("记录不存在", "record not found")
	case errors.Is(err, privacy.Deny):
		return apperr.Forbidden("无权执行此操作", "not allowed")
	case inputField != "":
		// A value the client sent that a scalar or enum refused while being read.
		return apperr.Invalid(inputField, "输入值无效", "the value is not valid")
	}
	return apperr.Internal(err)
}

// fieldFromPath finds the input field an argument-decoding error points at: gqlgen adds the names
// of input fields and list indexes to the path while it reads arguments, after the response path.
// It returns "" when the path is a plain response path.
func fieldFromPath(p ast.Path) string {
	var parts []string
	for _, el := range p {
		switch el := el.(type) {
		case ast.PathName:
			parts = append(parts, string(el))
		case ast.PathIndex:
			if len(parts) > 0 {
				parts[len(parts)-1] += "[" + strconv.Itoa(int(el)) + "]"
			}
		}
	}
	_ = strings.Join
	return ""
}

// camel turns an ent field name (id_number) into its GraphQL name (idNumber).
func camel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}
