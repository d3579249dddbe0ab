/**
 * The Energy screen's reads from the background: the connected account, its resources and TronNRG's
 * terms, and the rental history. Re-read when a rental changes state (the app view carries the jobs),
 * never from storage directly.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { EnergyResourcesView, EnergyStatusView } from '@/lib/energy/views';
import type { Outcome } from '@/lib/outcome';
import type { RentalHistoryEntry } from '@/lib/energy/rental-history';
import type { JobView } from '@/lib/app-view';

export interface EnergyData {
  status: EnergyStatusView | null;
  resources: Outcome<EnergyResourcesView> | null;
  history: RentalHistoryEntry[];
  loadingResources: boolean;
  /** Bumped on every resources read: what depends on the chain (the quote) reads again. */
  resourcesVersion: number;
  reload(): Promise<void>;
  reloadResources(): Promise<void>;
}

/** Loads the screen's data and keeps it fresh as the rentals in `jobs` move on. */
export function useEnergyData(jobs: JobView[]): EnergyData {
  const [status, setStatus] = useState<EnergyStatusView | null>(null);
  const [resources, setResources] = useState<Outcome<EnergyResourcesView> | null>(null);
  const [history, setHistory] = useState<RentalHistoryEntry[]>([]);
  const [loadingResources, setLoadingResources] = useState(false);
  const [resourcesVersion, setResourcesVersion] = useState(0);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  const reloadResources = useCallback(async () => {
    setLoadingResources(true);
    try {
      const next = await sendMessage('energy.resources', undefined);
      if (alive.current) {
        setResources(next);
        setResourcesVersion((version) => version + 1);
      }
    } catch {
      // The worker restarted mid-call; the next change or a Refresh reads again.
    } finally {
      if (alive.current) setLoadingResources(false);
    }
  }, []);

  const reload = useCallback(async () => {
    try {
      const [nextStatus, nextHistory] = await Promise.all([
        sendMessage('energy.status', undefined),
        sendMessage('energy.history', undefined),
      ]);
      if (!alive.current) return;
      setStatus(nextStatus);
      setHistory(nextHistory);
    } catch {
      // As above: a later change reloads.
    }
  }, []);

  const rentalKey = jobs
    .filter((job) => job.kind === 'nrg-claim')
    .map((job) => `${job.id}:${job.state}:${job.updatedAt}`)
    .join('|');
  const finishedKey = jobs
    .filter((job) => job.kind === 'nrg-claim' && job.terminal)
    .map((job) => job.id)
    .join('|');

  useEffect(() => {
    void reload();
  }, [rentalKey]);
  useEffect(() => {
    // A finished rental changed balances and energy on the chain.
    void reloadResources();
  }, [finishedKey]);

  return { status, resources, history, loadingResources, resourcesVersion, reload, reloadResources };
}
