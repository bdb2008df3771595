package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"github.com/silkgraph/silkgraph/internal/store"
)

// The HTTP floor is the least any HTTP API over this store could cost: a
// bare net/http handler, in a process of its own, that makes each
// operation's store call (the raw side's) and writes the answer our API gave
// for it, taken once at startup. So it pays the HTTP hop, the store call
// and the same bytes on the wire, and nothing else: no GraphQL parsing,
// validation, resolvers or JSON encoding. API/floor is then what
// Silkgraph's GraphQL layer adds, and floor/raw what a second process costs
// on this machine (reading the request, and each process waking up for it).

// floorPath is where the floor serves an operation.
func floorPath(o op) string { return "/floor/" + o.name }

// serveFloor serves ops as the floor on addr until SIGINT or SIGTERM.
func serveFloor(addr string, ops []op, st *store.Store, api gqlClient) error {
	if err := loopback("http://" + addr); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	h, err := floorHandler(ctx, ops, st, api)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// floorHandler takes our API's answer to each operation, then serves it
// after the operation's store call.
func floorHandler(ctx context.Context, ops []op, st *store.Store, api gqlClient) (http.Handler, error) {
	mux := http.NewServeMux()
	for _, o := range ops {
		answer, err := api.answer(ctx, o.api)
		if err != nil {
			return nil, fmt.Errorf("%s: our API's answer: %w", o.name, err)
		}
		mux.HandleFunc("POST "+floorPath(o), func(w http.ResponseWriter, r *http.Request) {
			if _, err := io.Copy(io.Discard, r.Body); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			if err := o.raw(r.Context(), st); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(answer)
		})
	}
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	return mux, nil
}
