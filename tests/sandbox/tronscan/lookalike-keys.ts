/**
 * Lookalike private keys found offline with `npx tsx tests/sandbox/tronscan/find-lookalike.ts <target>`,
 * keyed by the target address. They are sandbox test keys, never used on a real network.
 *
 * When the seeded `tronlink` account changes (the chain's key derivation changed), the entry no
 * longer fits: the sandbox then finds a weaker lookalike at start (2 + 2 characters, ~1 s, cached
 * in node_modules/.cache) and logs a hint to re-run the script.
 */
export const KNOWN_LOOKALIKE_KEYS: Record<string, string> = {
  // keypair('tronlink') = TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc -> TGa9UrbxqwWm9q2FZpxVAHU2E3bDUuUAXc (2 + 3)
  TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc: 'baef8c15f56faa35cf31bef7ca8be953e4044d6a83afaca9cffa34dd7bb75c72',
};
