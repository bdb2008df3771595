package export

import (
	"encoding/xml"
	"io"
	"strings"
)

// escape writes s as XML character data; characters XML cannot hold become
// U+FFFD.
func escape(w io.Writer, s string) { _ = xml.EscapeText(w, []byte(s)) }

// attr escapes s for an attribute value in double quotes.
func attr(s string) string {
	var b strings.Builder
	escape(&b, s)
	return b.String()
}
