import type { Ledger, LedgerEntry, SandboxClock } from '../world';

/** The world's ledger, with `clear()` for a sandbox reset. */
export interface MemoryLedger extends Ledger {
  clear(): void;
}

/** Records every charge, refund and delegation a service reports, stamped with virtual time. */
export function createLedger(clock: SandboxClock): MemoryLedger {
  let entries: LedgerEntry[] = [];
  return {
    record(entry) {
      entries.push({ at: new Date(clock.now()).toISOString(), ...entry });
    },
    entries: () => entries.map((entry) => ({ ...entry })),
    clear() {
      entries = [];
    },
  };
}
