/**
 * The chain reads the background needs, over plain HTTP to a TRON full node (`/wallet/*`,
 * `/walletsolidity/*`) and TronGrid (`/v1/*`), without TronWeb: balances, resources, fees, USDT
 * `balanceOf`/`isBlackListed` constant calls, transaction state, and finding a TRX payment.
 * Every read is free and changes nothing, so the transport may repeat any of them.
 */
import { z } from 'zod';
import { createHttpClient, ServiceError, type ErrorReader, type HttpClientOptions } from '../http';
import { USDT_MAINNET } from '../config/network';
import { fromHexAddress } from './address';
import {
  AbiError,
  BALANCE_OF_SELECTOR,
  IS_BLACKLISTED_SELECTOR,
  decodeBoolResult,
  decodeUint256Result,
  encodeAddressAmountParameters,
  encodeAddressParameter,
  TRANSFER_SELECTOR,
} from './abi';
import { mapBounded } from '../api/bounded';
import { tronAddress, txHash } from '../api/common-schemas';
import { parseInput } from '../api/input';
import { createLogger } from '../log';
import {
  accountResourcesSchema,
  accountSchema,
  accountTransactionsSchema,
  chainParametersSchema,
  constantCallSchema,
  energyEstimateSchema,
  transactionInfoSchema,
  transactionSchema,
  type TransactionInfo,
  type TransactionView,
} from './node-schemas';

export const TRON_NODE_ERROR_CODES = [
  'node_error',
  'constant_call_failed',
  'rate_limited',
  'unavailable',
] as const;
export type TronNodeErrorCode = (typeof TRON_NODE_ERROR_CODES)[number];

// A constant call needs some caller; like TronWeb, the all-zero address (it never pays anything).
const CONSTANT_CALLER = fromHexAddress(`41${'0'.repeat(40)}`);
/** Constant calls in flight at once: TronGrid without an API key allows only a few per second. */
export const BLACKLIST_CONCURRENCY = 4;

const log = createLogger('tron');

/**
 * java-tron reports a bad request with HTTP 200 and `{Error}`; TronGrid with `{success: false, error}`
 * and a 4xx. A failed constant call (`result.result` not true) is read by the call itself.
 */
export const readTronNodeError: ErrorReader = (status, body) => {
  const nodeError = z.object({ Error: z.string() }).safeParse(body);
  if (nodeError.success) return { code: 'node_error', message: nodeError.data.Error };
  if (status < 400) return null;
  const gridError = z.object({ error: z.string() }).safeParse(body);
  if (status === 429) return { code: 'rate_limited', message: gridError.data?.error ?? `HTTP ${status}` };
  if (status >= 500) return { code: 'unavailable', message: `HTTP ${status}` };
  return { code: 'node_error', message: gridError.data?.error ?? `HTTP ${status}` };
};

/** Where a transaction stands: unknown to the node, broadcast but not in a block, or settled. */
export type TransactionState =
  | { state: 'not_found' }
  | { state: 'pending'; transaction: TransactionView }
  | { state: 'confirmed'; info: TransactionInfo }
  | { state: 'failed'; info: TransactionInfo };

const transactionsQuery = z.object({
  onlyFrom: z.boolean().optional(),
  onlyTo: z.boolean().optional(),
  onlyConfirmed: z.boolean().optional(),
  minTimestamp: z.number().int().nonnegative().optional(),
  maxTimestamp: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(200).optional(),
  orderBy: z.enum(['block_timestamp,asc', 'block_timestamp,desc']).optional(),
  fingerprint: z.string().min(1).optional(),
});
export type AccountTransactionsQuery = z.input<typeof transactionsQuery>;

const paymentQuery = z.object({
  from: tronAddress,
  to: tronAddress,
  amountSun: z.bigint().positive(),
  /** Only transfers at or after this time (epoch ms) count. */
  sinceMs: z.number().int().nonnegative(),
  /** Transfers already accounted for (another claim's payment of the same amount). */
  excludeTxids: z.array(z.string()).default([]),
  onlyConfirmed: z.boolean().default(true),
  maxPages: z.number().int().min(1).max(20).default(5),
});

export type TronNodeApiOptions = Pick<HttpClientOptions, 'fetch' | 'sleep' | 'timeoutMs' | 'maxAttempts'> & {
  /** The node (`https://api.trongrid.io`, or the sandbox's `<origin>/tron`). */
  baseUrl: string;
  /** The USDT-TRC20 contract of this network. */
  usdtContract?: string;
  /** TronGrid's `TRON-PRO-API-KEY`, when the user has one. */
  apiKey?: string;
};

/** Creates the chain reader for one node. */
export function createTronNodeApi(options: TronNodeApiOptions) {
  const { usdtContract = USDT_MAINNET, apiKey, ...httpOptions } = options;
  const http = createHttpClient({
    service: 'tron-node',
    readError: readTronNodeError,
    headers: apiKey ? () => ({ 'TRON-PRO-API-KEY': apiKey }) : undefined,
    ...httpOptions,
  });

  async function post<S extends z.ZodType>(path: string, body: Record<string, unknown>, schema: S) {
    return http.request({ method: 'POST', path, body: { ...body, visible: true }, idempotent: true, schema });
  }

  /** Calls a one-argument view function of the USDT contract and returns its single result word. */
  async function usdtView(selector: string, address: string): Promise<string> {
    const checked = parseInput('tron-node', tronAddress, address);
    const reply = await post(
      '/wallet/triggerconstantcontract',
      {
        owner_address: CONSTANT_CALLER,
        contract_address: usdtContract,
        function_selector: selector,
        parameter: encodeAddressParameter(checked),
      },
      constantCallSchema,
    );
    const word = reply.constant_result?.[0];
    if (reply.result.result !== true || word === undefined) {
      throw new ServiceError({
        service: 'tron-node',
        status: 200,
        code: 'constant_call_failed',
        message: `${selector} on the USDT contract failed${reply.result.code ? ` (${reply.result.code})` : ''}`,
      });
    }
    return word;
  }

  /** Reads a contract result word, turning an undecodable one into a `ServiceError`. */
  function decoded<T>(decode: (word: string) => T, word: string): T {
    try {
      return decode(word);
    } catch (error) {
      if (!(error instanceof AbiError)) throw error;
      throw new ServiceError({
        service: 'tron-node',
        status: 200,
        code: 'constant_call_failed',
        message: error.message,
      });
    }
  }

  /**
   * The energy one call would use, or undefined when the node cannot say (the call would revert,
   * or the node has no estimator). `estimateenergy` is asked first: `triggerconstantcontract`'s
   * `energy_used` is the fallback for nodes that do not enable it (it is off by default in java-tron).
   */
  async function estimateCallEnergy(call: Record<string, unknown>): Promise<number | undefined> {
    for (const path of ['/wallet/estimateenergy', '/wallet/triggerconstantcontract']) {
      try {
        const reply = await post(path, call, energyEstimateSchema);
        const reverted =
          reply.result.result !== true ||
          reply.result.message !== undefined ||
          reply.transaction?.ret?.some((ret) => ret.ret === 'FAILED') === true;
        const energy = reply.energy_required ?? reply.energy_used;
        if (!reverted && energy !== undefined && energy > 0) return energy;
        // A node without the estimator refuses `estimateenergy` the way a reverting call does, so
        // only the constant call's answer is final.
      } catch (error) {
        log.debug(`${path} could not estimate a call`, error);
      }
    }
    return undefined;
  }

  const api = {
    /**
     * Energy of one USDT `transfer(to, amount)` sent by `from`, as the node computes it on its
     * current state; undefined when it cannot say (for example `from` holds less than `amount`).
     */
    usdtTransferEnergy: async (from: string, to: string, amount: bigint) =>
      estimateCallEnergy({
        owner_address: parseInput('tron-node', tronAddress, from),
        contract_address: usdtContract,
        function_selector: TRANSFER_SELECTOR,
        parameter: encodeAddressAmountParameters(parseInput('tron-node', tronAddress, to), amount),
      }),
    /** `wallet/getaccount`: TRX balance in sun and whether the address exists on chain yet. */
    account: async (address: string) =>
      post('/wallet/getaccount', { address: parseInput('tron-node', tronAddress, address) }, accountSchema),
    /** `wallet/getaccountresource`: energy and bandwidth limits, use, and what is available now. */
    accountResources: async (address: string) =>
      post(
        '/wallet/getaccountresource',
        { address: parseInput('tron-node', tronAddress, address) },
        accountResourcesSchema,
      ),
    /** `wallet/getchainparameters`: sun per burned energy / bandwidth and the new-account fee. */
    chainParameters: async () => post('/wallet/getchainparameters', {}, chainParametersSchema),
    /** USDT `balanceOf(address)` in base units (6 decimals). */
    usdtBalance: async (address: string) =>
      decoded(decodeUint256Result, await usdtView(BALANCE_OF_SELECTOR, address)),
    /** USDT `isBlackListed(address)`: a blacklisted holder's USDT cannot move. */
    isUsdtBlacklisted: async (address: string) =>
      decoded(decodeBoolResult, await usdtView(IS_BLACKLISTED_SELECTOR, address)),
    /**
     * `isBlackListed` for many addresses, a few calls at a time. Addresses whose read failed are left
     * out of the map (the caller keeps what it knew and asks again later); duplicates are read once.
     */
    isBlackListed: async (addresses: readonly string[]): Promise<Map<string, boolean>> => {
      const unique = [...new Set(addresses)];
      const failures: unknown[] = [];
      const answers = await mapBounded(unique, BLACKLIST_CONCURRENCY, async (address) => {
        try {
          return [address, await api.isUsdtBlacklisted(address)] as const;
        } catch (error) {
          // Left out, as documented above; the count is logged once below rather than per address.
          failures.push(error);
          return undefined;
        }
      });
      if (failures.length > 0) {
        log.debug(
          `isBlackListed: ${failures.length} of ${unique.length} reads failed, left out`,
          failures[0],
        );
      }
      return new Map(answers.filter((answer) => answer !== undefined));
    },
    /** `wallet/gettransactionbyid`: the transaction as broadcast, or undefined when unknown. */
    transaction: async (txid: string) =>
      post('/wallet/gettransactionbyid', { value: parseInput('tron-node', txHash, txid) }, transactionSchema),
    /**
     * `gettransactioninfobyid`: the receipt, or undefined before the transaction is in a block.
     * `solidified` asks the solidity node, which answers only once the block is irreversible.
     */
    transactionInfo: async (txid: string, read: { solidified?: boolean } = {}) =>
      post(
        read.solidified ? '/walletsolidity/gettransactioninfobyid' : '/wallet/gettransactioninfobyid',
        { value: parseInput('tron-node', txHash, txid) },
        transactionInfoSchema,
      ),
    /** Tells "not yet indexed" from "pending" from "confirmed" from "failed". */
    transactionState: async (
      txid: string,
      read: { solidified?: boolean } = {},
    ): Promise<TransactionState> => {
      const info = await api.transactionInfo(txid, read);
      if (info) return info.failed ? { state: 'failed', info } : { state: 'confirmed', info };
      const transaction = await api.transaction(txid);
      return transaction ? { state: 'pending', transaction } : { state: 'not_found' };
    },
    /** TronGrid `GET /v1/accounts/{address}/transactions`: one page and the next page's fingerprint. */
    accountTransactions: async (address: string, query: AccountTransactionsQuery = {}) => {
      const checkedAddress = parseInput('tron-node', tronAddress, address);
      const q = parseInput('tron-node', transactionsQuery, query);
      return http.request({
        path: `/v1/accounts/${checkedAddress}/transactions`,
        query: {
          only_from: q.onlyFrom,
          only_to: q.onlyTo,
          only_confirmed: q.onlyConfirmed,
          min_timestamp: q.minTimestamp,
          max_timestamp: q.maxTimestamp,
          limit: q.limit,
          order_by: q.orderBy,
          fingerprint: q.fingerprint,
        },
        schema: accountTransactionsSchema,
      });
    },
    /**
     * The earliest successful TRX transfer of exactly `amountSun` from `from` to `to` since `sinceMs`
     * (how a claim recovers a payment whose txid was lost with the worker), or undefined.
     */
    findTrxPayment: async (query: z.input<typeof paymentQuery>): Promise<TransactionView | undefined> => {
      const q = parseInput('tron-node', paymentQuery, query);
      const excluded = new Set(q.excludeTxids.map((id) => id.toLowerCase()));
      let fingerprint: string | undefined;
      for (let page = 0; page < q.maxPages; page++) {
        const found = await api.accountTransactions(q.from, {
          onlyFrom: true,
          onlyConfirmed: q.onlyConfirmed || undefined,
          minTimestamp: q.sinceMs,
          orderBy: 'block_timestamp,asc',
          limit: 50,
          fingerprint,
        });
        const match = found.transactions.find(
          (tx) =>
            tx.type === 'TransferContract' &&
            tx.from === q.from &&
            tx.to === q.to &&
            tx.amountSun === q.amountSun &&
            (tx.contractRet === undefined || tx.contractRet === 'SUCCESS') &&
            !excluded.has(tx.txid.toLowerCase()),
        );
        if (match) return match;
        fingerprint = found.nextFingerprint;
        if (!fingerprint) return undefined;
      }
      return undefined;
    },
  };
  return api;
}

export type TronNodeApi = ReturnType<typeof createTronNodeApi>;
