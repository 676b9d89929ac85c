// Package pii protects personal data at rest: resident ID numbers and phone
// numbers, which China's PIPL treats as sensitive personal information.
//
// A [Keyring] is built from one 32-byte data key. From it two independent keys
// are derived with HMAC-SHA256 over fixed labels: one encrypts values with
// AES-256-GCM ([Keyring.Encrypt], [Keyring.Decrypt]), the other computes keyed
// hashes ([Keyring.Hash]) that back unique indexes and exact-match lookups
// without storing the plaintext.
//
// The data key comes from the SWTALENT_DATA_KEY environment variable or a key
// file ([ResolveKey], [LoadKeyFile]); [GenerateKey], [ParseKey] and
// [FormatKey] handle its textual form. [MaskIDNumber] and [MaskPhone] shorten
// values for display to users who may not see them in full.
//
// No error returned by this package contains plaintext personal data or key
// material.
package pii
