package auth

import (
	"encoding/json"
	"net/http"
	"strings"

	"swtalent/internal/apperr"
	"swtalent/internal/viewer"
)

// Middleware puts the viewer of the request's bearer token (Authorization: Bearer <token>) in
// the request context, and the client address (ClientAddr) that login failures are counted
// against. Requests without a token go on as the anonymous public; a token that does not sign in
// is answered 401 with a GraphQL error, never silently downgraded.
func (s *Service) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(withClientAddr(r.Context(), ClientAddr(r, s.trusted)))
		h := r.Header.Get("Authorization")
		if h == "" {
			next.ServeHTTP(w, r)
			return
		}
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			writeError(w, http.StatusUnauthorized, errToken())
			return
		}
		v, err := s.Authenticate(r.Context(), strings.TrimSpace(token))
		if err != nil {
			if ae, ok := apperr.As(err); ok {
				writeError(w, http.StatusUnauthorized, ae)
			} else {
				writeError(w, http.StatusInternalServerError, apperr.Internal(err))
			}
			return
		}
		next.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), v)))
	})
}

// writeError answers with a GraphQL error body.
func writeError(w http.ResponseWriter, status int, err error) {
	ae, _ := apperr.As(err)
	w.Header().Set("Content-Type", "application/json")
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="swtalent"`)
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": ae.Error(), "extensions": map[string]any{"code": string(ae.Code)}}},
	})
}
