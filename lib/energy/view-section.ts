/**
 * The `energy` part of the app view: the connected TronLink account, the connect attempt and the
 * rental history. Storage reads only, so it is rebuilt with every change; nothing here asks the
 * chain or TronNRG.
 */
import type { EnergyView } from '@/lib/energy/views';
import { resolveEndpoints } from '@/lib/config/network';
import { settingsItem } from '@/lib/storage';
import { CONNECT_TIMEOUT_MS, tronLinkAccountItem, tronLinkConnectItem } from '../tronlink/account';
import { rentalHistoryItem } from './rental-history';

/** Builds the energy view (the connect attempt's nonce stays in the background). */
export async function buildEnergyView(): Promise<EnergyView> {
  const [account, attempt, settings, history] = await Promise.all([
    tronLinkAccountItem.get(),
    tronLinkConnectItem.get(),
    settingsItem.get(),
    rentalHistoryItem.get(),
  ]);
  return {
    account,
    connect: {
      pending:
        attempt !== null && attempt.outcome === null && Date.now() - attempt.startedAt < CONNECT_TIMEOUT_MS,
      status: attempt?.outcome?.status ?? null,
      message: attempt?.outcome?.message ?? null,
    },
    tronscan: resolveEndpoints(settings.network).tronscan,
    history,
  };
}
