// Package apperr defines the user-facing errors returned by the GraphQL API.
//
// An [Error] carries a machine-readable [Code] (sent as extensions.code), the
// input field as the client named it (sent as extensions.field) and a
// bilingual message "中文 / English". The optional cause in [Error.Err] is for
// logs only and is never shown to clients. Messages must never contain SQL,
// stack traces or personal data.
package apperr
