package model

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// Cursors are opaque to clients; inside they are offsets into a result with
// a total order (every sort ends with an id), so pages are stable while the
// graph is, and the list they belong to.
const cursorPrefix = "o:"

// Page is a page of one list: where it starts, how long it is, and which
// list its cursors belong to.
type Page struct {
	store.Page
	list string // see listOf
}

// Cursor returns the cursor of the page's i-th item.
func (p Page) Cursor(i int) string {
	return base64.StdEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(p.Offset+i) + ":" + p.list))
}

// listOf names the list the field being resolved asks for: the field and
// its arguments but first and after. Cursors carry it, so that a cursor of
// one list (search results, entities by name) is refused by another (the
// entities by id), whose offsets mean other items.
func listOf(ctx context.Context) string {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return ""
	}
	args := make(map[string]any, len(fc.Args))
	for k, v := range fc.Args {
		if k != "first" && k != "after" {
			args[k] = v
		}
	}
	b, _ := json.Marshal(args) // sorted keys; pointers followed
	h := fnv.New64a()
	_, _ = h.Write([]byte(fc.Field.Name + "\x00"))
	_, _ = h.Write(b)
	return strconv.FormatUint(h.Sum64(), 36)
}

// PageArgs turns the Relay arguments of the field being resolved into a
// page, checking bounds, and that after is a cursor of the same list.
func PageArgs(ctx context.Context, first *int, after *string, def, max int) (Page, error) {
	limit := def
	if first != nil {
		limit = *first
	}
	if limit < 0 || limit > max {
		return Page{}, domain.Errorf(domain.EINVALID, "first must be between 0 and %d, got %d", max, limit)
	}
	page := Page{Page: store.Page{Limit: limit}, list: listOf(ctx)}
	if after == nil || *after == "" {
		return page, nil
	}
	b, err := base64.StdEncoding.DecodeString(*after)
	offset, list, cut := strings.Cut(strings.TrimPrefix(string(b), cursorPrefix), ":")
	n, convErr := strconv.Atoi(offset)
	if err != nil || convErr != nil || !cut || !strings.HasPrefix(string(b), cursorPrefix) || n < 0 {
		return Page{}, domain.Errorf(domain.EINVALID, "after %q is not a cursor from this API", *after)
	}
	if list != page.list {
		return Page{}, domain.Errorf(domain.EINVALID,
			"after %q is a cursor of another list: a cursor pages only the field, with the same arguments, that gave it", *after)
	}
	page.Offset = n + 1
	return page, nil
}

// NewPageInfo describes a page of count items out of total.
func NewPageInfo(page Page, count, total int) *PageInfo {
	info := &PageInfo{HasPreviousPage: page.Offset > 0, HasNextPage: page.Offset+count < total}
	if count > 0 {
		start, end := page.Cursor(0), page.Cursor(count-1)
		info.StartCursor, info.EndCursor = &start, &end
	}
	return info
}
