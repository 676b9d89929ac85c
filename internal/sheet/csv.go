package sheet

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Encodings of CSV files.
const (
	EncodingUTF8    = "utf-8"
	EncodingGB18030 = "gb18030"
)

// utf8BOM is the byte-order mark Excel writes at the start of a "CSV UTF-8" file.
const utf8BOM = "\xef\xbb\xbf"

// sniffSize is how much of a CSV file DetectEncoding looks at.
const sniffSize = 64 << 10

// csvReader streams a CSV file.
type csvReader struct {
	r   *csv.Reader
	row int
}

// NewCSV reads a CSV file in the given encoding ("" or "auto": detected, see DetectEncoding).
func NewCSV(r io.Reader, encoding string) (Reader, error) {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < sniffSize {
		br = bufio.NewReaderSize(r, sniffSize)
	}
	enc := strings.ToLower(strings.TrimSpace(encoding))
	switch enc {
	case "", "auto":
		head, err := br.Peek(sniffSize)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return nil, fmt.Errorf("read CSV: %w", err)
		}
		enc = DetectEncoding(head, err == io.EOF)
	case "utf8", EncodingUTF8:
		enc = EncodingUTF8
	case "gbk", "gb2312", EncodingGB18030:
		enc = EncodingGB18030
	default:
		return nil, fmt.Errorf("unknown encoding %q: use utf-8 or gb18030", encoding)
	}
	var src io.Reader = br
	if enc == EncodingUTF8 {
		if head, _ := br.Peek(len(utf8BOM)); string(head) == utf8BOM {
			_, _ = br.Discard(len(utf8BOM))
		}
	} else {
		src = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
	}
	cr := csv.NewReader(src)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	return &csvReader{r: cr}, nil
}

// DetectEncoding tells UTF-8 from GB18030 by the first bytes of a file: a UTF-8 byte-order mark,
// or bytes that are valid UTF-8, mean UTF-8; anything else is taken as GB18030, which is what
// Excel in China saves. complete says head is the whole file; otherwise a character cut in two
// at its end is allowed. Chinese text in GB18030 is practically never valid UTF-8.
func DetectEncoding(head []byte, complete bool) string {
	if strings.HasPrefix(string(head), utf8BOM) {
		return EncodingUTF8
	}
	cut := 0
	if !complete {
		cut = utf8.UTFMax - 1
	}
	for i := 0; i <= cut && i <= len(head); i++ {
		if utf8.Valid(head[:len(head)-i]) {
			return EncodingUTF8
		}
	}
	return EncodingGB18030
}

// Next returns the next record.
func (c *csvReader) Next() ([]string, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, fmt.Errorf("read CSV row %d: %w", c.row+1, err)
	}
	c.row++
	return rec, nil
}

// Row is the record's number, counting the header as row 1.
func (c *csvReader) Row() int { return c.row }

// Close does nothing: the caller owns the file.
func (c *csvReader) Close() error { return nil }
