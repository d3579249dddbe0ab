/** A partner's receiving wallets: at most 15, each address once, switched on and off by id. */
import { GatewayError } from './errors';
import type { GatewayState, Partner, Wallet } from './state';
import { gatewayTime, gatewayTimeOrNull } from './time';

export const MAX_WALLETS = 15;

/** A wallet as `GET /api/partner/wallets` lists it. */
export function walletView(wallet: Wallet): Record<string, unknown> {
  return {
    id: wallet.id,
    address: wallet.address,
    is_active: wallet.isActive,
    usage_count: wallet.usageCount,
    last_used_at: gatewayTimeOrNull(wallet.lastUsedAtMs),
    created_at: gatewayTime(wallet.createdAtMs),
  };
}

/** The partner's wallets, oldest first. */
export function walletsOf(state: GatewayState, partner: Partner): Wallet[] {
  return state.wallets.filter((w) => w.partnerId === partner.id);
}

/** Adds `address` as an active wallet; WALLET_LIMIT_EXCEEDED at 15, WALLET_EXISTS for a repeat. */
export function addWallet(state: GatewayState, partner: Partner, address: string, nowMs: number): Wallet {
  const own = walletsOf(state, partner);
  if (own.some((w) => w.address === address))
    throw new GatewayError('WALLET_EXISTS', 'Wallet address already exists');
  if (own.length >= MAX_WALLETS) {
    throw new GatewayError('WALLET_LIMIT_EXCEEDED', `Maximum ${MAX_WALLETS} wallets allowed`);
  }
  state.lastWalletId += 1;
  const wallet: Wallet = {
    id: state.lastWalletId,
    partnerId: partner.id,
    address,
    isActive: true,
    usageCount: 0,
    lastUsedAtMs: null,
    createdAtMs: nowMs,
  };
  state.wallets.push(wallet);
  return wallet;
}

/** Switches one of the partner's wallets on or off; WALLET_ERROR when it has no such wallet. */
export function setWalletActive(
  state: GatewayState,
  partner: Partner,
  walletId: string,
  isActive: boolean,
): Wallet {
  const wallet = walletsOf(state, partner).find((w) => String(w.id) === walletId);
  if (!wallet) throw new GatewayError('WALLET_ERROR', `Wallet ${walletId} not found.`);
  wallet.isActive = isActive;
  return wallet;
}
