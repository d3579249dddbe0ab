/**
 * The Energy screen's data: the stored part (account, connect attempt, rental history) comes with
 * the app view; the chain's part (balances, resources, TronNRG's terms) is asked for, and asked
 * again when a rental finishes, since that changed balances and energy on the chain.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useAppStore } from '@/components/app-store';
import { sendMessage } from '@/lib/messaging';
import type { EnergyResourcesView } from '@/lib/energy/views';
import type { JobView } from '@/lib/app-view';
import type { Outcome } from '@/lib/outcome';

/** The energy part of the app view, or null until the first view arrived. */
export function useEnergyView() {
  return useAppStore((state) => state.view?.energy ?? null);
}

export interface EnergyResources {
  resources: Outcome<EnergyResourcesView> | null;
  /** Bumped on every resources read: what depends on the chain (the quote) reads again. */
  resourcesVersion: number;
  reloadResources(): Promise<void>;
}

/** Reads the chain's part now and whenever a rental in `jobs` finishes. */
export function useEnergyResources(jobs: JobView[]): EnergyResources {
  const [resources, setResources] = useState<Outcome<EnergyResourcesView> | null>(null);
  const [resourcesVersion, setResourcesVersion] = useState(0);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  const reloadResources = useCallback(async () => {
    try {
      const next = await sendMessage('energy.resources', undefined);
      if (alive.current) {
        setResources(next);
        setResourcesVersion((version) => version + 1);
      }
    } catch {
      // The worker restarted mid-call; the next change or a Refresh reads again.
    }
  }, []);

  const finishedKey = jobs
    .filter((job) => job.kind === 'nrg-claim' && job.terminal)
    .map((job) => job.id)
    .join('|');
  useEffect(() => {
    void reloadResources();
  }, [finishedKey]);

  return { resources, resourcesVersion, reloadResources };
}
