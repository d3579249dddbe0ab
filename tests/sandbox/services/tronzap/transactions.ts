/**
 * TronZap transactions: created `new` (the account charged at once), `pending` a moment later on the
 * sandbox clock while the provider activates and/or delegates on the chain, then `success` once that
 * transaction is confirmed, or `failed` with the charge returned to the account.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ChainTx, KeyPair, World } from '../../world';
import { trxNumber, trxText } from '../tronnrg/money';
import { ZapError } from './errors';
import { ACTIVATION_FEE_SUN, priceSun, tierFor, type ZapService } from './pricing';
import { fieldsSchema, readAddress, readFields, readResourceOrder, unitsFromParams } from './requests';
import { takeForcedFailure, type ZapAccount, type ZapState, type ZapTransaction } from './state';

/** How long a transaction stays `new` before the provider picks it up (sandbox time). */
export const PICKUP_DELAY_MS = 1_000;
/** An activation is a tiny TRX transfer that creates the account (the provider pays the 1 TRX fee). */
export const ACTIVATION_TRANSFER_SUN = 1n;

const serviceSchema = z.enum(['energy', 'bandwidth', 'activate_address']);
const externalIdSchema = z.union([z.string().min(1).max(255), z.number().int()]).transform(String);

/** The transaction as the API returns it (`transaction/new` and `transaction/check`). */
export function transactionView(tx: ZapTransaction): Record<string, unknown> {
  return {
    id: tx.id,
    external_id: tx.externalId,
    service: tx.service,
    params: tx.params,
    status: tx.status,
    amount: trxNumber(tx.amountSun),
    created_at: new Date(tx.createdAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    hash: tx.hash,
  };
}

/** Creates, finds and processes transactions for one world and its provider account. */
export function createTransactionDesk(world: World, provider: KeyPair, state: ZapState) {
  const waiters = new Map<string, (tx: ChainTx) => void>();
  world.chain.onConfirmed((tx) => {
    waiters.get(tx.txid)?.(tx);
    waiters.delete(tx.txid);
  });

  /** Resolves with the transaction once it is in a block. */
  function confirmation(txid: string): Promise<ChainTx> {
    return new Promise((resolve) => {
      const known = world.chain.transaction(txid);
      if (known && known.status !== 'pending') resolve(known);
      else waiters.set(txid, resolve);
    });
  }

  function findByExternalId(account: ZapAccount, externalId: string): ZapTransaction | undefined {
    for (const tx of state.transactions.values()) {
      if (tx.accountToken === account.token && tx.externalId === externalId) return tx;
    }
    return undefined;
  }

  /** `POST /v1/transaction/new`: a repeated `external_id` returns the existing transaction, uncharged. */
  function create(account: ZapAccount, body: unknown): ZapTransaction {
    const fields = readFields(body);
    const externalId =
      fields.external_id === undefined || fields.external_id === null
        ? null
        : externalIdSchema.safeParse(fields.external_id);
    if (externalId && !externalId.success) throw new ZapError('invalidRequest', 'Invalid external_id');
    const existing = externalId ? findByExternalId(account, externalId.data) : undefined;
    if (existing) return existing;

    const service = serviceSchema.safeParse(fields.service);
    if (!service.success)
      throw new ZapError('invalidRequest', 'Invalid service: use energy, bandwidth or activate_address');
    const params = fieldsSchema.safeParse(fields.params);
    if (!params.success) throw new ZapError('invalidRequest', 'params must be an object');
    const address = readAddress(params.data.address, 'params.address');
    const order =
      service.data === 'activate_address'
        ? { units: 0, durationHours: 0 }
        : readResourceOrder(service.data, unitsFromParams(service.data, params.data), params.data.duration);
    if (!state.enabled[service.data]) throw new ZapError('serviceNotAvailable');

    const activated = world.chain.isActivated(address);
    if (service.data === 'activate_address' && activated) throw new ZapError('addressAlreadyActivated');
    const activates =
      service.data === 'activate_address' || (!activated && params.data.activate_address === true);
    if (!activated && !activates) {
      throw new ZapError('addressNotActivated', 'Address not activated: pass params.activate_address = true');
    }
    if (activates && !state.enabled.activate_address) throw new ZapError('serviceNotAvailable');

    const amountSun =
      priceOf(service.data, order.units, order.durationHours) + (activates ? ACTIVATION_FEE_SUN : 0n);
    if (account.balanceSun === null) throw new ZapError('walletNotFound');
    if (account.balanceSun < amountSun) {
      throw new ZapError('insufficientFunds', `Insufficient funds: ${trxText(amountSun)} TRX needed`);
    }

    account.balanceSun -= amountSun;
    const tx: ZapTransaction = {
      id: randomUUID(),
      accountToken: account.token,
      externalId: externalId ? externalId.data : null,
      service: service.data,
      params: params.data,
      address,
      resourceAmount: order.units,
      durationHours: order.durationHours,
      activates,
      status: 'new',
      amountSun,
      createdAtMs: world.clock.now(),
      hash: null,
    };
    state.transactions.set(tx.id, tx);
    world.ledger.record({
      service: 'tronzap',
      kind: 'charge',
      account: account.name,
      amount: trxText(amountSun),
      unit: 'TRX',
      ref: tx.id,
    });
    const cancel = world.clock.at(tx.createdAtMs + PICKUP_DELAY_MS, () => {
      state.timers.delete(cancel);
      void deliver(tx, account);
    });
    state.timers.add(cancel);
    return tx;
  }

  function priceOf(service: ZapService, units: number, durationHours: number): bigint {
    if (service === 'activate_address') return 0n;
    const tier = tierFor(service, durationHours);
    if (!tier) throw new ZapError('invalidDuration');
    return priceSun(tier, units);
  }

  /** Broadcasts and waits for `send`'s transaction; throws unless it succeeded on chain. */
  async function onChain(send: () => Promise<string>, onHash: (hash: string) => void): Promise<string> {
    const hash = await send();
    onHash(hash);
    const confirmed = await confirmation(hash);
    if (confirmed.status !== 'confirmed' || confirmed.contractRet !== 'SUCCESS') {
      throw new Error(`transaction ${hash} ended ${confirmed.contractRet ?? confirmed.status}`);
    }
    return hash;
  }

  async function deliver(tx: ZapTransaction, account: ZapAccount): Promise<void> {
    tx.status = 'pending';
    try {
      if (takeForcedFailure(state, 'transaction_failed'))
        throw new Error('forced by the sandbox control API');
      if (tx.activates && !world.chain.isActivated(tx.address)) {
        const hash = await onChain(
          () => world.chain.sendTrx(provider.privateKey, tx.address, ACTIVATION_TRANSFER_SUN),
          (sent) => {
            if (tx.service === 'activate_address') tx.hash = sent;
          },
        );
        world.ledger.record({
          service: 'tronzap',
          kind: 'activation',
          account: tx.address,
          ref: tx.id,
          txid: hash,
        });
      }
      if (tx.service !== 'activate_address') {
        const resource = tx.service === 'energy' ? 'ENERGY' : 'BANDWIDTH';
        const hash = await onChain(
          () =>
            world.chain.delegateResource(
              provider.privateKey,
              tx.address,
              resource,
              tx.resourceAmount,
              tx.durationHours * 3600,
            ),
          (sent) => {
            tx.hash = sent;
          },
        );
        world.ledger.record({
          service: 'tronzap',
          kind: 'delegation',
          account: tx.address,
          amount: String(tx.resourceAmount),
          unit: tx.service,
          ref: tx.id,
          txid: hash,
        });
      }
      tx.status = 'success';
    } catch (error) {
      tx.status = 'failed';
      if (account.balanceSun !== null) account.balanceSun += tx.amountSun;
      world.ledger.record({
        service: 'tronzap',
        kind: 'refund',
        account: account.name,
        amount: trxText(tx.amountSun),
        unit: 'TRX',
        ref: tx.id,
        note: String(error),
      });
    }
  }

  /** `POST /v1/transaction/check`: by `id` or `external_id`, only the caller's own transactions. */
  function check(account: ZapAccount, body: unknown): ZapTransaction {
    const fields = readFields(body);
    const id = z.string().min(1).safeParse(fields.id);
    const externalId = externalIdSchema.safeParse(fields.external_id);
    if (!id.success && !externalId.success)
      throw new ZapError('invalidRequest', 'id or external_id is required');
    const byId = id.success ? state.transactions.get(id.data) : undefined;
    const tx = byId ?? (externalId.success ? findByExternalId(account, externalId.data) : undefined);
    if (!tx || tx.accountToken !== account.token) throw new ZapError('transactionNotFound');
    return tx;
  }

  return {
    create,
    check,
    reset: () => waiters.clear(),
  };
}

export type TransactionDesk = ReturnType<typeof createTransactionDesk>;
