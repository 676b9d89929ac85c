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
//   - only when no row is invalid, write everything through the ent client, so the hooks check
//     every record with the API's own rules; any refusal takes back the whole file. A dry run
//     does the same and keeps nothing.
//
// Core registers (regions, persons, certificates, agencies, service points) are defined here;
// modules add theirs (modules.SheetSource), and the host puts them all in one Registry.
//
// # Jobs
//
// The server runs imports as jobs (Jobs): the upload is answered at once with the job's id, and
// the job's state, progress, refused rows so far and final report are kept in the ImportJob
// table, saved every half second, so that any tab, client or instance on the database can follow
// it (its owner and ADMINs; kept a day after it ends). Cancelling sets a flag in the record that
// the job notices at its next save (at once when it runs in the same process). A server that
// stops takes its running jobs back; a job whose server died without saving for two minutes is
// taken back by the next one (Recover) and marked FAILED.
//
// # Writing that lets other writers in (design note, #22)
//
// Writing a large file in one transaction kept SQLite's single write lock for the whole write:
// every clerk's save waited out the busy timeout and failed. The write now commits one batch
// (1,000 rows, a fraction of a second) per transaction, and each batch takes its turn in the
// process's queue of writers (package writeturn), which API mutations join too: SQLite makes
// waiting writers poll for the lock, and an import that begins its next batch the moment it
// commits would otherwise win every time (PostgreSQL queues writers fairly on its own). Batches
// are sized from the time the last one took, to about a quarter of a second.
//
// The file stays all or nothing through an undo log (package undo), chosen over staging:
//
//   - Undo by job: every create and every update of a row, made in a context carrying the log,
//     is recorded by an ent hook on every entity (ent/schema, undoable): the id of a created row,
//     or a changed row's columns as they were before the job first changed it. A job that fails
//     (a row refused in its last batch by a rule the checks could not foresee, a conflict with a
//     clerk's save, a database error), is cancelled or is stopped by a shutdown deletes what it
//     created and restores what it changed, last first, in short transactions too. A batch that
//     rolls back drops its own entries. Other operations (bulk updates, deletes) are refused
//     inside a job, as they cannot be taken back row by row.
//   - Staging (rows hidden until the job ends) would have meant a visibility filter on every
//     read of every register, the hand-written aggregates included, and a final step that makes
//     100,000 rows visible — one long write again. Updates of existing rows cannot be staged in
//     place at all.
//
// What it costs: while a job writes, readers see the rows it has written so far, and they
// disappear again if it fails (the registers are all or nothing once the job has ended, not at
// every instant). A clerk who changes a row the job wrote, while it writes, has that change
// overwritten if the job is then taken back.
//
// The undo log is kept in the database (table import_undo, package undo): each batch writes its
// steps (one insert per 500) in its own transaction, so a committed batch always has its undo
// steps committed with it, and the take-back reads them back last first, deleting them as it
// goes (an interrupted take-back resumes). If the job's process dies mid-write (power cut,
// kill -9), the next start takes it back (Recover: the server on start and before each job, the
// command line before an import): a job not finished whose record nobody has saved for two
// minutes is claimed by one conditional update (so two instances on one PostgreSQL never both
// take it, and a job alive in another instance is left alone), taken back, the kept facts of
// the persons its undo rows name recomputed, and marked FAILED ("interrupted; rows taken
// back"). An import outside the job runner (the command line) records a job of its own, kept
// alive by its batches. A job that ends DONE deletes its undo rows, a bounded range per
// statement.
//
// Audit events of a batch are collected and written by one insert per thousand rows
// (audit.Collect), and the data version is bumped once per batch (dataversion.Deferred), instead
// of one statement each per row.
package transfer
