// Package model holds the GraphQL types. Hand-written types wrap domain
// values; fields that need data load it through the request's loaders.
package model

import (
	"context"
	"errors"
	"io"
	"math"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// MarshalDate writes a date at its precision; the zero date is null.
func MarshalDate(d domain.Date) graphql.Marshaler {
	if d.IsZero() {
		return graphql.Null
	}
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(d.String())) })
}

// UnmarshalDate reads YYYY, YYYY-MM or YYYY-MM-DD.
func UnmarshalDate(v any) (domain.Date, error) {
	s, ok := v.(string)
	if !ok {
		return domain.Date{}, domain.Errorf(domain.EINVALID, "a Date is a string: YYYY, YYYY-MM or YYYY-MM-DD")
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		return d, domain.Errorf(domain.EINVALID, "%v", err)
	}
	return d, nil
}

// MarshalEntityKind writes a kind as its enum value (GOVERNMENT_BODY).
func MarshalEntityKind(k domain.Kind) graphql.Marshaler {
	enum := ""
	if info := k.Info(); info != nil {
		enum = info.Enum
	}
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(enum)) })
}

// UnmarshalEntityKind reads an EntityKind enum value.
func UnmarshalEntityKind(v any) (domain.Kind, error) {
	s, _ := v.(string)
	if k, ok := domain.KindFromEnum(s); ok {
		return k, nil
	}
	return "", domain.Errorf(domain.EINVALID, "%q is not an EntityKind", v)
}

// MarshalRelationshipType writes a relationship type.
func MarshalRelationshipType(t domain.RelType) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(t))) })
}

// UnmarshalRelationshipType reads a RelationshipType enum value.
func UnmarshalRelationshipType(v any) (domain.RelType, error) {
	s, _ := v.(string)
	t, err := domain.ParseRelType(s)
	if err != nil {
		return t, domain.Errorf(domain.EINVALID, "%v", err)
	}
	return t, nil
}

// MarshalFloat writes a number as JavaScript (and so graphql-js) does:
// 1300000000 and 0.5, where gqlgen's %g wrote 1.3e+09, which a reader of
// an agreement's value or a total misreads. Magnitudes from 1e21 and below
// 1e-6 keep an exponent, as in JavaScript (in Go's form: 1e-07).
func MarshalFloat(f float64) graphql.ContextMarshaler {
	return graphql.ContextWriterFunc(func(_ context.Context, w io.Writer) error {
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return errors.New("cannot marshal infinite or NaN float values")
		}
		if f == 0 {
			f = 0 // -0 too, as JavaScript writes it
		}
		format := byte('f')
		if a := math.Abs(f); a >= 1e21 || a != 0 && a < 1e-6 {
			format = 'g'
		}
		_, err := w.Write(strconv.AppendFloat(nil, f, format, -1, 64))
		return err
	})
}

// UnmarshalFloat reads a Float as gqlgen does.
func UnmarshalFloat(ctx context.Context, v any) (float64, error) {
	return graphql.UnmarshalFloatContext(ctx, v)
}
