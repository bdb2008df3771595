# syntax=docker/dockerfile:1
# Multi-stage build of the silkgraph binary with GraphiQL and the explorer embedded.

FROM node:20-bookworm-slim AS web
WORKDIR /src/web/graphiql
COPY web/graphiql/package.json web/graphiql/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/graphiql/ ./
RUN npm run build

FROM node:20-bookworm-slim AS explorer
WORKDIR /src/web/explorer
COPY web/explorer/package.json web/explorer/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/explorer/ ./
RUN npm run build

FROM golang:1.25-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/web/graphiql/dist/ web/graphiql/dist/
COPY --from=explorer /src/web/explorer/dist/ web/explorer/dist/
ARG VERSION=docker
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/silkgraph ./cmd/silkgraph

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/silkgraph /usr/local/bin/silkgraph
COPY seed/ /seed/
ENV LISTEN_ADDR=:8080 LOG_FORMAT=json
EXPOSE 8080
USER nonroot
ENTRYPOINT ["/usr/local/bin/silkgraph"]
CMD ["serve", "--migrate", "--load", "/seed"]
