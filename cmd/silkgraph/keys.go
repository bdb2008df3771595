package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/silkgraph/silkgraph/internal/auth"
	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

func (a *app) keysCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Create, list and revoke API keys",
		Long: `API keys authenticate requests (Authorization: Bearer <key>). A key has a
role: reader (reads, where the server requires a key for them), editor (also
the curation mutations) or admin (also key management). Only a hash of a key
is stored: the key itself is printed once, by create. A revoked key stops
working within ` + auth.CacheTTL.String() + ` on every server.`,
	}
	var name, role string
	create := &cobra.Command{
		Use:   "create --name NAME --role ROLE",
		Short: "Create a key and print it (once)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := domain.ParseRole(role)
			if err != nil {
				return err
			}
			if name == "" {
				return fmt.Errorf("--name is required: say whose key it is")
			}
			k, token, err := auth.NewKey(name, r)
			if err != nil {
				return err
			}
			return a.withStore(cmd.Context(), func(ctx context.Context, st *store.Store) error {
				if k, err = st.CreateKey(ctx, k); err != nil {
					return err
				}
				out := cmd.OutOrStdout()
				fmt.Fprintf(out, "created key %s (%s, %s)\n", k.ID, k.Name, k.Role)
				fmt.Fprintf(out, "key: %s\n", token)
				fmt.Fprintln(out, "This is the only time the key is shown: only its hash is stored.")
				return nil
			})
		},
	}
	create.Flags().StringVar(&name, "name", "", "whose key it is, e.g. a person or a service (shown in the audit trail)")
	create.Flags().StringVar(&role, "role", "", "reader, editor or admin")
	list := &cobra.Command{
		Use:   "list",
		Short: "List every key, revoked ones included",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd.Context(), func(ctx context.Context, st *store.Store) error {
				keys, err := st.Keys(ctx)
				if err != nil {
					return err
				}
				w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(w, "ID\tNAME\tROLE\tCREATED\tREVOKED")
				for _, k := range keys {
					revoked := "-"
					if k.Revoked() {
						revoked = k.RevokedAt.UTC().Format(time.RFC3339)
					}
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Role, k.CreatedAt.UTC().Format(time.RFC3339), revoked)
				}
				return w.Flush()
			})
		},
	}
	revoke := &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke a key for good",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd.Context(), func(ctx context.Context, st *store.Store) error {
				k, err := st.RevokeKey(ctx, args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "revoked key %s (%s, %s)\n", k.ID, k.Name, k.Role)
				return nil
			})
		},
	}
	cmd.AddCommand(create, list, revoke)
	a.cfg.BindNeo4j(cmd.PersistentFlags())
	return cmd
}

// withStore runs fn with an open store, closed afterwards.
func (a *app) withStore(ctx context.Context, fn func(context.Context, *store.Store) error) error {
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	return fn(ctx, st)
}
