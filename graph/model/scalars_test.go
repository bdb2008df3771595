package model_test

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/silkgraph/silkgraph/graph/model"
)

func TestMarshalFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string // empty: an error
	}{
		{1.3e9, "1300000000"},
		{3.92e7, "39200000"},
		{200000, "200000"},
		{0.5, "0.5"},
		{12.345678, "12.345678"},
		{-2.5, "-2.5"},
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{1e21, "1e+21"},
		{1e-7, "1e-07"},
		{math.NaN(), ""},
		{math.Inf(1), ""},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		err := model.MarshalFloat(tt.in).MarshalGQLContext(context.Background(), &b)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("MarshalFloat(%v) = %s, want an error", tt.in, b.String())
		case tt.want != "" && (err != nil || b.String() != tt.want):
			t.Errorf("MarshalFloat(%v) = %s, %v; want %s", tt.in, b.String(), err, tt.want)
		}
	}
}
