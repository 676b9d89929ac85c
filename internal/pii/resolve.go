package pii

import "fmt"

// EnvKey is the environment variable that holds the data key in textual form.
const EnvKey = "SWTALENT_DATA_KEY"

// ResolveKey decides where the data key comes from, in this order:
//
//  1. envValue, the content of SWTALENT_DATA_KEY passed in by the caller,
//     if non-empty (parsed with [ParseKey]);
//  2. keyFile, if non-empty, read with [LoadKeyFile] and created only when
//     allowCreate is true;
//  3. defaultFile, only when allowCreate is true and defaultFile is
//     non-empty, created if missing.
//
// With nothing available it returns [ErrNoKey]. A source that is given but
// unusable (bad key text, unsafe file mode, keyFile missing while allowCreate
// is false …) is an error and the next source is not tried. Callers pass allowCreate=true for the default SQLite database
// (key file beside it) and false for PostgreSQL, where the server must refuse
// to start without a key so that instances sharing a database cannot
// diverge.
//
// source describes where the key came from for a start-up log line, e.g.
// "SWTALENT_DATA_KEY", "key file /path" or "new key file /path (created)";
// it never contains the key.
func ResolveKey(envValue, keyFile, defaultFile string, allowCreate bool) (key []byte, source string, err error) {
	if envValue != "" {
		key, err = parseKey(envValue)
		if err != nil {
			return nil, "", fmt.Errorf("pii: %s: %w", EnvKey, err)
		}
		return key, EnvKey, nil
	}
	switch {
	case keyFile != "":
		return loadWithSource(keyFile, allowCreate)
	case allowCreate && defaultFile != "":
		return loadWithSource(defaultFile, true)
	}
	return nil, "", ErrNoKey
}

// loadWithSource loads a key file and describes it for the start-up log.
func loadWithSource(path string, create bool) ([]byte, string, error) {
	key, created, err := LoadKeyFile(path, create)
	if err != nil {
		return nil, "", err
	}
	if created {
		return key, "new key file " + path + " (created)", nil
	}
	return key, "key file " + path, nil
}
