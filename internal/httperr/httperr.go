// Package httperr answers HTTP requests that are refused before GraphQL
// runs with a GraphQL-shaped error, so that clients read every refusal the
// same way: errors[0].message and errors[0].extensions.code.
package httperr

import (
	"encoding/json"
	"net/http"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Write answers with status and e as the only error.
func Write(w http.ResponseWriter, status int, e *domain.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // a JSON answer, never a page: "<key>" stays as written
	_ = enc.Encode(map[string]any{
		"errors": []any{map[string]any{"message": e.Message, "extensions": map[string]any{"code": e.Code}}},
	})
}
