package store

import "testing"

func TestReadOnly(t *testing.T) {
	for q, want := range map[string]bool{
		"SELECT `persons`.`id` FROM `persons`":                     true,
		"  select 1":                                               true,
		"(SELECT 1) UNION (SELECT 2)":                              true,
		"INSERT INTO `persons` (`name`) VALUES (?) RETURNING `id`": false,
		"UPDATE data_version SET version = version + 1":            false,
		"WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x":       false,
		"PRAGMA foreign_keys = off":                                false,
		"SELECTED":                                                 false,
		"SAVEPOINT swtalent_import":                                false,
		"":                                                         false,
	} {
		if got := readOnly(q); got != want {
			t.Errorf("readOnly(%q) = %v, want %v", q, got, want)
		}
	}
}
