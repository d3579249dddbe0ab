/** TronZap's API: every call a signed POST under `/v1`, answering `{code: 0, result}` or `{code, error}`. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { World } from '../../world';
import { decimalJsonResponse } from '../tronnrg/json-decimal';
import { trxNumber } from '../tronnrg/money';
import { ZapError } from './errors';
import { ACTIVATION_FEE_SUN, priceSun, servicesCatalogue, tierFor } from './pricing';
import { readAddress, readFields, readResourceOrder } from './requests';
import { takeForcedFailure, type ZapAccount, type ZapState } from './state';
import { transactionView, type TransactionDesk } from './transactions';

/** An authenticated call: the account its token names, and its body parsed (`{}` when empty). */
interface SignedCall {
  account: ZapAccount;
  body: unknown;
}

/** True when `signature` is `sha256hex(rawBody + secret)` (hex in either case). */
function signatureMatches(rawBody: string, secret: string, signature: string): boolean {
  const expected = createHash('sha256')
    .update(rawBody + secret)
    .digest();
  const given = Buffer.from(signature, 'hex');
  return /^[0-9a-fA-F]{64}$/.test(signature) && timingSafeEqual(expected, given);
}

function ok(result: unknown): Response {
  return decimalJsonResponse({ code: 0, result });
}

/** The `/v1/*` routes over one state and transaction desk. */
export function createZapRoutes(world: World, state: ZapState, desk: TransactionDesk): Hono {
  const routes = new Hono();

  /** Authentication first, on the raw bytes the signature covers; then the body as JSON. */
  async function authenticate(c: Context): Promise<SignedCall> {
    const rawBody = await c.req.text();
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const account = token ? state.accounts.get(token) : undefined;
    const signature = c.req.header('x-signature') ?? '';
    if (!account || !signatureMatches(rawBody, account.secret, signature)) throw new ZapError('auth');
    if (takeForcedFailure(state, 'internal_error')) throw new Error('forced by the sandbox control API');
    if (rawBody.trim() === '') return { account, body: {} };
    try {
      return { account, body: JSON.parse(rawBody) };
    } catch {
      throw new ZapError('invalidRequest', 'The request body is not valid JSON');
    }
  }

  /** Registers a signed POST endpoint. */
  function signedPost(path: string, handle: (call: SignedCall) => Record<string, unknown>): void {
    routes.post(path, async (c) => ok(handle(await authenticate(c))));
  }

  signedPost('/v1/services', () => servicesCatalogue(state.enabled));

  signedPost('/v1/balance', ({ account }) => {
    const { balanceSun } = account;
    if (balanceSun === null) throw new ZapError('walletNotFound');
    return { balance: trxNumber(balanceSun), currency: 'TRX' };
  });

  signedPost('/v1/calculate', ({ body }) => {
    const fields = readFields(body);
    const address = readAddress(fields.address, 'address');
    const order = readResourceOrder('energy', fields.amount ?? fields.energy, fields.duration);
    if (!state.enabled.energy) throw new ZapError('serviceNotAvailable');
    const tier = tierFor('energy', order.durationHours);
    if (!tier) throw new ZapError('invalidDuration');
    const price = priceSun(tier, order.units);
    // An address that does not exist yet can only receive energy once activated (with its fee).
    const activationFee = world.chain.isActivated(address) ? 0n : ACTIVATION_FEE_SUN;
    return {
      address,
      type: 'energy',
      amount: order.units,
      energy: order.units,
      duration: order.durationHours,
      price: trxNumber(price),
      activation_fee: trxNumber(activationFee),
      total: trxNumber(price + activationFee),
    };
  });

  signedPost('/v1/estimate-energy', ({ body }) => {
    const fields = readFields(body);
    const from = readAddress(fields.from_address, 'from_address');
    const to = readAddress(fields.to_address, 'to_address');
    const contract = fields.contract_address ?? world.chain.usdtContract;
    // The sandbox chain runs one token contract: USDT-TRC20.
    if (contract !== world.chain.usdtContract) {
      throw new ZapError('invalidRequest', `Unsupported contract_address: only ${world.chain.usdtContract}`);
    }
    const energy = world.chain.estimateUsdtTransferEnergy(from, to);
    const tier = tierFor('energy', 1);
    if (!tier) throw new ZapError('serviceNotAvailable');
    const price = priceSun(tier, Math.max(energy, tier.minAmount));
    const activationFee = world.chain.isActivated(from) ? 0n : ACTIVATION_FEE_SUN;
    return {
      from_address: from,
      to_address: to,
      contract_address: contract,
      amount: energy,
      energy,
      duration: tier.duration,
      price: trxNumber(price),
      activation_fee: trxNumber(activationFee),
      total: trxNumber(price + activationFee),
    };
  });

  signedPost('/v1/address-info', ({ body }) => {
    const address = readAddress(readFields(body).address, 'address');
    const resources = world.chain.resources(address);
    const bandwidth =
      Math.max(0, resources.netLimit - resources.netUsed) +
      Math.max(0, resources.freeNetLimit - resources.freeNetUsed);
    return {
      address,
      activated: world.chain.isActivated(address),
      resources: {
        energy: Math.max(0, resources.energyLimit - resources.energyUsed),
        bandwidth,
        energy_limit: resources.energyLimit,
        energy_used: resources.energyUsed,
        bandwidth_limit: resources.netLimit + resources.freeNetLimit,
        bandwidth_used: resources.netUsed + resources.freeNetUsed,
      },
      balances: {
        TRX: trxNumber(world.chain.trxBalance(address)),
        // USDT has 6 decimals on TRON, like TRX.
        USDT: trxNumber(world.chain.usdtBalance(address)),
      },
    };
  });

  signedPost('/v1/transaction/new', ({ account, body }) => transactionView(desk.create(account, body)));

  signedPost('/v1/transaction/check', ({ account, body }) => transactionView(desk.check(account, body)));

  routes.notFound((c) => c.json({ code: 2, error: `Unknown endpoint: ${c.req.method} ${c.req.path}` }, 404));

  routes.onError((error) => {
    if (error instanceof ZapError) return decimalJsonResponse(error.body());
    console.error('[tronzap] unexpected error', error);
    return decimalJsonResponse(new ZapError('internal').body());
  });

  return routes;
}
