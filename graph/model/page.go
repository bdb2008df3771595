package model

import (
	"encoding/base64"
	"encoding/json"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

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
	list string // see listKey
}

// Cursor returns the cursor of the page's i-th item.
func (p Page) Cursor(i int) string {
	return base64.StdEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(p.Offset+i) + ":" + p.list))
}

// listKey names a list by what the store is asked for it: the field, the
// entity it belongs to, and its filters and order as the store reads them,
// so that a cursor is refused by any other list (whose offsets mean other
// items) and taken however its own list is spelled.
func listKey(list []any) string {
	b, _ := json.Marshal(list) // of the store's own types, which always encode
	var v any
	_ = json.Unmarshal(b, &v)
	b, _ = json.Marshal(canonical(v)) // object keys sorted
	h := fnv.New64a()
	_, _ = h.Write(b)
	return strconv.FormatUint(h.Sum64(), 36)
}

// canonical treats an empty list as none, and every list as a set (the
// lists a query is asked with are kinds, types, countries and ids).
func canonical(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = canonical(e)
		}
	case []any:
		if len(x) == 0 {
			return nil
		}
		items := make([]string, len(x))
		for i, e := range x {
			b, _ := json.Marshal(canonical(e))
			items[i] = string(b)
		}
		slices.Sort(items)
		return items
	}
	return v
}

// PageArgs turns Relay arguments into a page of the list named by list
// (see listKey), checking bounds, and that after is a cursor of that list.
func PageArgs(first *int, after *string, def, max int, list ...any) (Page, error) {
	limit := def
	if first != nil {
		limit = *first
	}
	if limit < 0 || limit > max {
		return Page{}, domain.Errorf(domain.EINVALID, "first must be between 0 and %d, got %d", max, limit)
	}
	page := Page{Page: store.Page{Limit: limit}, list: listKey(list)}
	if after == nil || *after == "" {
		return page, nil
	}
	b, err := base64.StdEncoding.DecodeString(*after)
	offset, key, cut := strings.Cut(strings.TrimPrefix(string(b), cursorPrefix), ":")
	n, convErr := strconv.Atoi(offset)
	if err != nil || convErr != nil || !cut || !strings.HasPrefix(string(b), cursorPrefix) || n < 0 {
		return Page{}, domain.Errorf(domain.EINVALID, "after %q is not a cursor from this API", *after)
	}
	if key != page.list {
		return Page{}, domain.Errorf(domain.EINVALID,
			"after %q is a cursor of another list: a cursor pages only the list that gave it (the same field of the same entity, with the same filters and order)", *after)
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
