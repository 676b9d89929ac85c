package graph

import "swtalent/internal/apperr"

// revealed decrypts a stored personal value and passes it through show (a mask; nil for an
// audited reveal). A value that does not decrypt is an internal error, never shown.
func (r *Resolver) revealed(stored string, show func(string) string) (string, error) {
	if stored == "" {
		return "", nil
	}
	plain, err := r.client.Keyring.Decrypt(stored)
	if err != nil {
		return "", apperr.Internal(err)
	}
	if show == nil {
		return plain, nil
	}
	return show(plain), nil
}
