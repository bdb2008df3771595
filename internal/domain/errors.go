package domain

import "fmt"

// Error codes, translated once at the edge (the GraphQL error presenter sets
// them as extensions.code).
const (
	ENOTFOUND    = "NOT_FOUND"
	EINVALID     = "BAD_USER_INPUT"
	EUNAVAILABLE = "UNAVAILABLE"
	EINTERNAL    = "INTERNAL"
)

// Error is an error a user can act on: a code and a message that says what
// to change.
type Error struct {
	Code    string
	Message string
	Err     error // cause, kept for logs; never shown to API users
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
