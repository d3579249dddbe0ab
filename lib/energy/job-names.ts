/**
 * The energy jobs' kind names without their zod schemas: UI pages need the names, not zod (the
 * stored shapes are in zap-order-job.ts and energy-order-job.ts, which re-export these).
 */

export const ZAP_ORDER_KIND = 'zap-tx';
export const ENERGY_ORDER_KIND = 'energy-order';
export const WALLET_TOPUP_KIND = 'wallet-topup';
