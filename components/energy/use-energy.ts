/**
 * The Energy screen's data: the stored part (account, connect attempt, rental history) comes with
 * the app view; the chain's part (balances, resources, TronNRG's terms) is asked for, and asked
 * again when a rental or a TronZap order finishes, since that changed balances and energy on the chain.
 */
import { useAppStore } from '@/components/app-store';
import { useOutcome, type Loaded } from '@/components/ui/use-outcome';
import { sendMessage } from '@/lib/messaging';
import type { EnergyResourcesView } from '@/lib/energy/views';
import type { JobView } from '@/lib/app-view';

/** The energy part of the app view, or null until the first view arrived. */
export function useEnergyView() {
  return useAppStore((state) => state.view?.energy ?? null);
}

/** Reads the chain's part now and whenever a rental in `jobs` finishes (`reload` for Connect, Refresh). */
export function useEnergyResources(jobs: JobView[]): Loaded<EnergyResourcesView> {
  const finishedKey = jobs
    .filter((job) => (job.kind === 'nrg-claim' || job.kind === 'zap-tx') && job.terminal)
    .map((job) => job.id)
    .join('|');
  return useOutcome(() => sendMessage('energy.resources', undefined), finishedKey);
}
