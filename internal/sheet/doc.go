// Package sheet reads and writes the spreadsheets clerks keep their registers in: XLSX workbooks
// (through github.com/xuri/excelize/v2, rows streamed) and CSV files in UTF-8, with or without a
// byte-order mark, or GB18030, the encoding Excel in China saves CSV in. It knows nothing of what
// the rows mean; package transfer does.
package sheet
