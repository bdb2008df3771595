package main

import "testing"

func TestAnswerError(t *testing.T) {
	tests := []struct {
		name, answer, want string
	}{
		{"data only", `{"data":{"entity":{"id":"huawei"}}}`, ""},
		{"errors", `{"errors":[{"message":"no entity"}],"data":{"entity":null}}`, "graphql: no entity"},
		{"errors after data", `{"data":null,"errors":[{"message":"timeout"}]}`, "graphql: timeout"},
		{"the word in data", `{"data":{"entity":{"name":"\"errors\" Ltd"}}}`, ""},
		{"empty errors", `{"data":{},"errors":[]}`, ""},
		{"not JSON", `{"errors": [`, "unexpected end of JSON input"},
		{"not an object", `<html>busy</html>`, "not a JSON object: <html>busy</html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if err := answerError([]byte(tt.answer)); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("answerError(%s) = %q, want %q", tt.answer, got, tt.want)
			}
		})
	}
}
