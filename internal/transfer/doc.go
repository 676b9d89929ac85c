// Package transfer imports registers from spreadsheets and exports registers and reports to
// them. It is one mechanism driven by a registry of kinds: a Kind names its columns (the Chinese
// headers clerks write, with English aliases), parses and checks a row, resolves references in
// batches, upserts a batch by its natural key and exports its rows. The engine does the rest for
// every kind alike:
//
//   - read the sheet (package sheet) and match headers to columns;
//   - parse every row and resolve references, collecting every error with its row, column and
//     value (personal values masked) and a bilingual message a clerk can act on;
//   - refuse duplicates of the natural key inside the file;
//   - only when no row is invalid, write everything in one transaction through the ent client,
//     so the hooks check every record with the API's own rules; any refusal rolls back the
//     whole file. A dry run does the same and rolls back.
//
// Core registers (regions, persons, certificates, agencies, service points) are defined here;
// modules add theirs (modules.SheetSource), and the host puts them all in one Registry.
package transfer
