package graph

//go:generate go run ./codegen
