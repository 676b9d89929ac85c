package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"swtalent/ent/account"
	"swtalent/ent/privacy"
	"swtalent/internal/auth"
	"swtalent/modules"
)

// admin runs `swtalent admin create --username NAME`: it creates an ADMIN account whose password
// is read from standard input (never from the command line, where other users could see it).
func admin(ctx context.Context, fs *flag.FlagSet, open opener, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: swtalent admin create --username NAME [--display-name TEXT] < password")
	}
	username := fs.String("username", "", "login name of the new ADMIN account")
	display := fs.String("display-name", "", "name shown in the audit trail")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if strings.TrimSpace(*username) == "" {
		return errors.New("--username is required")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password from standard input: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	db, cfg, err := open.prepared(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	acc, err := auth.CreateAccount(privacy.DecisionContext(ctx, privacy.Allow), cfg.Client, *username, *display, account.RoleADMIN, password)
	if err != nil {
		return fmt.Errorf("create account: %w", err)
	}
	fmt.Fprintf(stdout, "created ADMIN account %s\n", acc.Username)
	return nil
}

// demoAdmin creates the demo database's admin account with a random password and returns it, so
// the playground can be tried at once. It is called only right after the demo world is loaded
// into an empty database; no default credentials exist anywhere.
func demoAdmin(ctx context.Context, cfg modules.Config) (string, error) {
	password := rand.Text()[:16]
	_, err := auth.CreateAccount(privacy.DecisionContext(ctx, privacy.Allow), cfg.Client, "admin", "Demo administrator", account.RoleADMIN, password)
	if err != nil {
		return "", fmt.Errorf("create demo admin: %w", err)
	}
	return password, nil
}
