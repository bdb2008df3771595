package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/httperr"
)

// post is gqlgen's POST transport (with its default settings), except that
// an answer's data is written as the executor produced it. gqlgen writes the
// whole response through json.Marshal, which validates and compacts the
// already compact data again: 15% of the server's CPU for a 47 KB
// neighborhood. It also HTML-escapes <, > and & in strings; these answers
// keep them as they are, which is the same JSON, and are served as
// application/json with nosniff, never as a page. Requests that fail before
// execution (unreadable body, bad JSON, invalid operation) are left to
// gqlgen's transport, body restored, so that their statuses and messages are
// gqlgen's own.
type post struct{}

// gqlgenPOST is the transport post stands in for.
var gqlgenPOST = transport.POST{}

func (post) Supports(r *http.Request) bool { return gqlgenPOST.Supports(r) }

func (post) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	start := graphql.Now()
	body, readErr := io.ReadAll(r.Body)
	fallback := func() {
		end := readErr
		if end == nil {
			end = io.EOF
		}
		r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), failingReader{end}))
		gqlgenPOST.Do(w, r, exec)
	}
	if tooLarge, ok := errors.AsType[*http.MaxBytesError](readErr); ok {
		httperr.Write(w, http.StatusRequestEntityTooLarge,
			domain.Errorf(domain.EINVALID, "the request body is over the limit of %d bytes: send a shorter query, or large inputs in several requests", tooLarge.Limit))
		return
	}
	params := &graphql.RawParams{}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // as gqlgen decodes variables
	if readErr != nil || dec.Decode(params) != nil {
		fallback()
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	ctx := r.Context()
	op, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		fallback()
		return
	}
	w.Header().Set("Content-Type", responseType(r.Header.Get("Accept")))
	answer, ctx := exec.DispatchOperation(ctx, op)
	_, _ = w.Write(encodeResponse(answer(ctx)))
}

// get is gqlgen's GET transport, except that it refuses mutations with a
// code, as the GraphQL-over-HTTP spec asks: 405 and Allow: POST, where
// gqlgen answers 406 (its only use of that status) with a bare message.
// Catching the status rather than parsing the query first also covers a
// mutation sent as a persisted query's hash.
type get struct{}

var gqlgenGET = transport.GET{}

func (get) Supports(r *http.Request) bool { return gqlgenGET.Supports(r) }

func (get) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	gqlgenGET.Do(&refusingWrites{ResponseWriter: w}, r, exec)
}

// refusingWrites answers gqlgen's 406 for a mutation by GET with a coded
// 405, and drops gqlgen's own message.
type refusingWrites struct {
	http.ResponseWriter
	refused bool
}

func (w *refusingWrites) WriteHeader(status int) {
	if status != http.StatusNotAcceptable {
		w.ResponseWriter.WriteHeader(status)
		return
	}
	w.refused = true
	w.Header().Set("Allow", http.MethodPost)
	httperr.Write(w.ResponseWriter, http.StatusMethodNotAllowed, domain.Errorf(domain.EINVALID, "GET only runs queries: send mutations as POST"))
}

func (w *refusingWrites) Write(b []byte) (int, error) {
	if w.refused {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// transports are the ways a request may come; gqlgen tries them in order.
var transports = []graphql.Transport{transport.Options{}, get{}, post{}}

// refuseTransport answers a request no transport takes, and HEAD (which
// gqlgen answers with a bare 405), with a code and what to send instead
// (gqlgen answers "transport not supported").
func refuseTransport(w http.ResponseWriter, r *http.Request) {
	e := domain.Errorf(domain.EINVALID, "send GraphQL as a POST with Content-Type: application/json, or as a GET with ?query=")
	if r.Method == http.MethodPost {
		httperr.Write(w, http.StatusUnsupportedMediaType, e)
		return
	}
	w.Header().Set("Allow", "GET, POST, OPTIONS")
	httperr.Write(w, http.StatusMethodNotAllowed, e)
}

// failingReader ends a restored body as reading it ended.
type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

// responseType negotiates the answer's media type as gqlgen's POST does:
// application/json unless the client accepts only
// application/graphql-response+json.
func responseType(accept string) string {
	const graphqlJSON = "application/graphql-response+json"
	if accept == "" {
		return "application/json"
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*", "application/json":
			return "application/json"
		case graphqlJSON:
			return graphqlJSON
		}
	}
	return graphqlJSON
}

// encodeResponse writes a response as json.Marshal would, with its data
// as is. Incremental-delivery responses, which this API does not send, go
// through json.Marshal whole.
func encodeResponse(resp *graphql.Response) []byte {
	if resp.Label != "" || resp.Path != nil || resp.HasNext != nil {
		return marshal(resp)
	}
	var b bytes.Buffer
	b.Grow(len(resp.Data) + 64)
	b.WriteByte('{')
	if len(resp.Errors) > 0 {
		b.WriteString(`"errors":`)
		b.Write(marshal(resp.Errors))
		b.WriteByte(',')
	}
	b.WriteString(`"data":`)
	if len(resp.Data) == 0 {
		b.WriteString("null")
	} else {
		b.Write(resp.Data)
	}
	if len(resp.Extensions) > 0 {
		b.WriteString(`,"extensions":`)
		b.Write(marshal(resp.Extensions))
	}
	b.WriteByte('}')
	return b.Bytes()
}

// marshal panics where gqlgen's transport does: on a value that cannot be
// JSON, which the executor never produces.
func marshal(v any) []byte {
	out, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return out
}
