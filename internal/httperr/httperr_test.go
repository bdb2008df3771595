package httperr_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/httperr"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		status int
		err    *domain.Error
		want   string
	}{
		{http.StatusUnauthorized, domain.Errorf(domain.EUNAUTHENTICATED, "send Authorization: Bearer <key>"),
			`{"errors":[{"extensions":{"code":"UNAUTHENTICATED"},"message":"send Authorization: Bearer <key>"}]}` + "\n"},
		{http.StatusNotFound, domain.Errorf(domain.ENOTFOUND, `no entity with id "x & y"`),
			`{"errors":[{"extensions":{"code":"NOT_FOUND"},"message":"no entity with id \"x & y\""}]}` + "\n"},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		httperr.Write(rec, tt.status, tt.err)
		if rec.Code != tt.status || rec.Header().Get("Content-Type") != "application/json" || rec.Body.String() != tt.want {
			t.Errorf("HTTP %d %s %s; want %d application/json %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String(), tt.status, tt.want)
		}
	}
}
