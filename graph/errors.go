package graph

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/viewer"
)

// presenter turns every error a request produces into the API's error shape: a bilingual message
// ("中文 / English"), extensions.code, extensions.field for bad input, and extensions.retryAfter
// (seconds) for a limit that lifts by itself. Database messages, ent
// prefixes and personal data never reach the client; unexpected errors are logged and answered
// as INTERNAL.
func presenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		cause := gqlErr.Err
		if cause == nil {
			return requestError(ctx, gqlErr)
		}
		ae := classify(cause, fieldFromPath(ctx, gqlErr.Path))
		if ae.Code == apperr.CodeInternal && (errors.Is(cause, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded)) {
			ae = &apperr.Error{Code: apperr.CodeLimitExceeded, ZH: "请求处理超时", EN: "the request took too long", Err: cause}
		}
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
		if ae.RetryAfter > 0 {
			out.Extensions["retryAfter"] = ae.RetryAfter
		}
		return out
	}
}

// requestError presents an error about the request as a whole rather than a field: gqlgen's
// parse and validation errors, which keep their code, the operation limits' errors, entgql's
// "no node with this id", which gets a Chinese message too, and transport errors, which get one. The parser's token and nesting limits are reported as
// LIMIT_EXCEEDED, and "Did you mean …" suggestions, which help probe the schema, are shown to
// signed-in viewers only.
func requestError(ctx context.Context, e *gqlerror.Error) *gqlerror.Error {
	out := *e
	out.Extensions = maps.Clone(e.Extensions)
	if out.Extensions == nil {
		out.Extensions = map[string]any{}
	}
	code, _ := out.Extensions["code"].(string)
	switch {
	case code == errcode.ParseFailed && strings.Contains(e.Message, "exceeded token limit"):
		out.Extensions["code"] = string(apperr.CodeLimitExceeded)
		out.Message = (&apperr.Error{ZH: "查询文本过长（词法单元过多）", EN: "the query is too long (" + e.Message + ")"}).Error()
	case code == errcode.ParseFailed && strings.Contains(e.Message, "exceeded maximum nesting depth"):
		out.Extensions["code"] = string(apperr.CodeLimitExceeded)
		out.Message = (&apperr.Error{ZH: "查询文本嵌套过深", EN: "the query is nested too deeply (" + e.Message + ")"}).Error()
	case code == "" && strings.HasPrefix(e.Message, "json request body could not be decoded"):
		// gqlgen's message quotes the whole body back.
		out.Extensions["code"] = string(apperr.CodeBadUserInput)
		out.Message = (&apperr.Error{ZH: "请求体不是有效的 JSON", EN: "the request body is not valid JSON"}).Error()
	case code == string(apperr.CodeNotFound) && strings.HasPrefix(e.Message, "Could not resolve to a node"):
		// entgql's answer for node(id)/nodes(ids) with an id of no record, in English only.
		out.Message = (&apperr.Error{ZH: "没有这个编号的记录", EN: e.Message}).Error()
	case code == "":
		out.Extensions["code"] = string(apperr.CodeBadUserInput)
	}
	if i := strings.Index(out.Message, " Did you mean "); i >= 0 && !viewer.FromContext(ctx).SignedIn() {
		out.Message = out.Message[:i]
	}
	return &out
}

// classify maps an error to an apperr.Error. inputField is the input field the error's path
// names, if any.
func classify(err error, inputField string) *apperr.Error {
	var el *apperr.ElementError
	if errors.As(err, &el) {
		ae := classify(el.Err, "")
		if ae.Code == apperr.CodeInternal {
			return ae
		}
		return ae.In(el.Prefix)
	}
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
		f := apperr.FieldName(ve.Name)
		return apperr.Invalid(f, "“"+f+"”的值无效", "the value of "+f+" is not valid")
	}
	switch {
	case ent.IsConstraintError(err):
		return apperr.Conflict(inputField, "与已有记录冲突，或引用的记录不存在", "conflicts with an existing record, or refers to a record that does not exist")
	case ent.IsNotFound(err):
		return apperr.NotFound("记录不存在", "record not found")
	case errors.Is(err, privacy.Deny), err.Error() == "introspection disabled":
		return apperr.Forbidden("无权执行此操作", "not allowed")
	case inputField != "":
		// A value the client sent that a scalar or enum refused while being read.
		return apperr.Invalid(inputField, "输入值无效", "the value is not valid")
	}
	return apperr.Internal(err)
}

// fieldFromPath finds the input field an argument-decoding error points at. While gqlgen reads
// arguments it extends the field's response path with the argument and input field names and
// list indexes: [createPerson input idNumber] → "idNumber", [createPeople input 2 idNumber] →
// "input[2].idNumber", [node id] → "id". It returns "" for an error on the response path itself.
func fieldFromPath(ctx context.Context, p ast.Path) string {
	var resp ast.Path
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		resp = fc.Path()
	}
	if len(p) <= len(resp) || p[:len(resp)].String() != resp.String() {
		return ""
	}
	rest := p[len(resp):]
	// A single input object is named by its fields alone: input.idNumber → idNumber.
	if len(rest) > 1 {
		if _, isName := rest[1].(ast.PathName); isName && rest[0] == ast.PathName("input") {
			rest = rest[1:]
		}
	}
	var b strings.Builder
	for _, el := range rest {
		switch el := el.(type) {
		case ast.PathName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(el))
		case ast.PathIndex:
			b.WriteString("[" + strconv.Itoa(int(el)) + "]")
		}
	}
	return b.String()
}
