/**
 * The `energy` part of the app view: the connected TronLink account, the connect attempt and the
 * rental history. Storage reads only, so it is rebuilt with every change; nothing here asks the
 * chain or TronNRG.
 */
import type { EnergyView } from '@/lib/energy/views';
import { resolveEndpoints } from '@/lib/config/network';
import { settingsItem } from '@/lib/storage';
import {
  CONNECT_TIMEOUT_MS,
  tronLinkAccountItem,
  tronLinkConnectItem,
  tronLinkVerifyItem,
} from '../tronlink/account';
import { rentalHistoryItem } from './rental-history';
import { savingsItem, totalSavedSun } from './savings';

/** Builds the energy view (the connect attempt's nonce stays in the background). */
export async function buildEnergyView(): Promise<EnergyView> {
  const [account, attempt, verify, settings, history, savings] = await Promise.all([
    tronLinkAccountItem.get(),
    tronLinkConnectItem.get(),
    tronLinkVerifyItem.get(),
    settingsItem.get(),
    rentalHistoryItem.get(),
    savingsItem.get(),
  ]);
  const savedByJob = new Map(savings.map((record) => [record.jobId, record.savedSun]));
  const shown = (
    tried: { startedAt: number; outcome: { status: string; message: string } | null } | null,
  ) => ({
    pending: tried !== null && tried.outcome === null && Date.now() - tried.startedAt < CONNECT_TIMEOUT_MS,
    status: tried?.outcome?.status ?? null,
    message: tried?.outcome?.message ?? null,
  });
  return {
    account,
    connect: shown(attempt),
    // Only about the account shown: a verify of an account since replaced says nothing about this one.
    verify: shown(verify && verify.address === account?.address ? verify : null),
    tronscan: resolveEndpoints(settings.network).tronscan,
    history: history.map((entry) => {
      const savedSun = savedByJob.get(entry.jobId);
      return savedSun === undefined ? entry : { ...entry, savedSun };
    }),
    savings: { totalSun: totalSavedSun(savings).toString(), rentals: savings.length },
  };
}
