package domain

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes, translated once at the edge (the GraphQL error presenter sets
// them as extensions.code).
const (
	ENOTFOUND    = "NOT_FOUND"
	EINVALID     = "BAD_USER_INPUT"
	EUNAVAILABLE = "UNAVAILABLE"
	EINTERNAL    = "INTERNAL"
	// ECONFLICT: the record changed since the client read it (a stale
	// version), or it already exists.
	ECONFLICT = "CONFLICT"
	// EUNAUTHENTICATED: no valid API key where one is needed.
	EUNAUTHENTICATED = "UNAUTHENTICATED"
	// EFORBIDDEN: the key's role does not allow the operation.
	EFORBIDDEN = "FORBIDDEN"
	// ERATELIMITED: too many requests; retry after the Retry-After header.
	ERATELIMITED = "RATE_LIMITED"
)

// Error is an error a user can act on: a code and a message that says what
// to change.
type Error struct {
	Code    string
	Message string
	Err     error // cause, kept for logs; never shown to API users
	// Problems lists what is wrong with an input, field by field, for
	// BAD_USER_INPUT errors of writes.
	Problems []Problem
}

// Error returns the message, and the cause for logs; API users see only
// Message.
func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns a BAD_USER_INPUT error listing every problem of an input.
func Invalid(problems []Problem) *Error {
	msgs := make([]string, len(problems))
	for i, p := range problems {
		msgs[i] = p.String()
	}
	return &Error{Code: EINVALID, Message: strings.Join(msgs, "; "), Problems: problems}
}

// Under returns err with the fields of its problems prefixed by where the
// input sits in a request (e.g. "input"), and err itself otherwise.
func Under(prefix string, err error) error {
	var de *Error
	if !errors.As(err, &de) || len(de.Problems) == 0 {
		return err
	}
	ps := make([]Problem, len(de.Problems))
	for i, p := range de.Problems {
		ps[i] = Problem{Field: strings.TrimSuffix(prefix+"."+p.Field, "."), Message: p.Message}
	}
	return Invalid(ps)
}
