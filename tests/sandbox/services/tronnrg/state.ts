/** What TronNRG remembers between requests; `reset()` empties it. */

/** A failure a test asked for with `POST /__sandbox/tronnrg/fail-next`. */
export type ForcedFailure = 'delegation_failed' | 'server_error';

export interface NrgState {
  /** Payment hashes already claimed (delegated or refunded): each hash is spent once. */
  usedHashes: Set<string>;
  /** The last `nrg_d_<n>` reference handed out. */
  lastRef: number;
  forcedFailures: ForcedFailure[];
  /** Cancels the clock timers of refunds not sent yet. */
  pendingRefunds: Set<() => void>;
}

/** A fresh state, as after a start or a reset. */
export function createNrgState(): NrgState {
  return { usedHashes: new Set(), lastRef: 0, forcedFailures: [], pendingRefunds: new Set() };
}

/** Removes and returns the next forced failure of `kind`, if one is queued. */
export function takeForcedFailure(state: NrgState, kind: ForcedFailure): boolean {
  const index = state.forcedFailures.indexOf(kind);
  if (index < 0) return false;
  state.forcedFailures.splice(index, 1);
  return true;
}
