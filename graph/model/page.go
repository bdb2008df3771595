package model

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// Cursors are opaque to clients; inside they are offsets into a result with
// a total order (every sort ends with an id), so pages are stable.
const cursorPrefix = "o:"

// Cursor returns the cursor of the item at offset.
func Cursor(offset int) string {
	return base64.StdEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

// PageArgs turns Relay arguments into a page, checking bounds.
func PageArgs(first *int, after *string, def, max int) (store.Page, error) {
	limit := def
	if first != nil {
		limit = *first
	}
	if limit < 0 || limit > max {
		return store.Page{}, domain.Errorf(domain.EINVALID, "first must be between 0 and %d, got %d", max, limit)
	}
	offset := 0
	if after != nil && *after != "" {
		b, err := base64.StdEncoding.DecodeString(*after)
		n, convErr := strconv.Atoi(strings.TrimPrefix(string(b), cursorPrefix))
		if err != nil || convErr != nil || !strings.HasPrefix(string(b), cursorPrefix) || n < 0 {
			return store.Page{}, domain.Errorf(domain.EINVALID, "after %q is not a cursor from this API", *after)
		}
		offset = n + 1
	}
	return store.Page{Offset: offset, Limit: limit}, nil
}

// NewPageInfo describes a page of count items starting at page.Offset out of
// total.
func NewPageInfo(page store.Page, count, total int) *PageInfo {
	info := &PageInfo{HasPreviousPage: page.Offset > 0, HasNextPage: page.Offset+count < total}
	if count > 0 {
		start, end := Cursor(page.Offset), Cursor(page.Offset+count-1)
		info.StartCursor, info.EndCursor = &start, &end
	}
	return info
}
