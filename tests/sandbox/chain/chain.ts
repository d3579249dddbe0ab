import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { AccountResources, ChainTx, KeyPair, SandboxChain, SandboxClock } from '../world';
import { executeTransaction, type TxOutcome } from './actuators';
import { admissionProblem, type AdmissionCode } from './admission';
import { toBase58Address, toHexAddress } from './address';
import { bandwidthBytes } from './bandwidth';
import { sealBlock, taposOf, type BlockRecord } from './blocks';
import { SUN_PER_TRX, TAPOS_WINDOW_BLOCKS, USDT_CONTRACT } from './constants';
import { addressFromPrivateKey, keypairFor, messageDigestV2, recoverSigner, signDigest } from './crypto';
import { resourceSnapshot, stakeFor } from './resources';
import { cloneState, emptyState, newAccount, type Account, type ChainState } from './state';
import {
  encodeRawTransaction,
  encodeSignedTransaction,
  transactionId,
  type ContractCall,
  type RawTransaction,
  type SignedTransaction,
} from './transaction';
import { readChainTx } from './chain-tx';
import { runUsdtCall, transferCallData, transferEnergy, usdtBalanceOf, type ContractRun } from './usdt';

/** A transaction the node accepted, with what executing it did. */
export interface TxRecord {
  txid: string;
  raw: RawTransaction;
  rawHex: string;
  signatures: string[];
  outcome: TxOutcome;
  block?: { number: number; timestamp: number };
}

export type BroadcastCode = AdmissionCode | 'CONTRACT_VALIDATE_ERROR' | 'BANDWITH_ERROR';

export type BroadcastResult =
  { result: true; txid: string } | { result: false; code: BroadcastCode; txid: string; message: string };

/** Thrown by the wallet-like helpers (`sendTrx`…) when the node refuses their transaction. */
export class BroadcastError extends Error {
  constructor(
    readonly code: BroadcastCode,
    message: string,
    readonly txid: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Everything restored by a reset. */
interface Snapshot {
  head: ChainState;
  confirmed: ChainState;
  blocks: BlockRecord[];
  txs: Map<string, TxRecord>;
  confirmedTxids: string[];
}

/** How long a transaction built by the node stays valid, as java-tron's default (60 s). */
const BUILD_EXPIRATION_MS = 60_000;
/** fee_limit the chain's own wallet helpers put on USDT transfers. */
const WALLET_FEE_LIMIT_SUN = 100n * SUN_PER_TRX;

/**
 * The simulated TRON node: accounts, the USDT contract, a pending pool sealed into blocks, and two
 * views of the state, as a full node (head, pending transactions applied) and a solidity node
 * (as of the last block) answer them.
 */
export class SimChain implements SandboxChain {
  readonly usdtContract = USDT_CONTRACT;
  readonly usdtContractHex = toHexAddress(USDT_CONTRACT);

  private head: ChainState = emptyState();
  private confirmed: ChainState = emptyState();
  private blocks: BlockRecord[] = [];
  private txs = new Map<string, TxRecord>();
  /** Txids in block order, so listing confirmed transactions does not walk every (mostly empty) block. */
  private confirmedTxids: string[] = [];
  private pool: string[] = [];
  private taposIndex = new Map<string, string>();
  private listeners = new Set<(tx: ChainTx) => void>();
  private keys = new Map<string, KeyPair>();
  private seedSnapshot: Snapshot | undefined;
  private readonly witness: { hexAddress: string; privateKey: string };

  constructor(private readonly clock: SandboxClock) {
    const witness = this.keypair('witness');
    this.witness = { hexAddress: toHexAddress(witness.address), privateKey: witness.privateKey };
    this.appendBlock(sealBlock(undefined, clock.now(), [], this.witness));
    // The USDT issuer owns the contract (getcontract's origin_address); it exists like any deployer.
    this.ensureAccount(toHexAddress(this.keypair('usdt-issuer').address));
  }

  // ─── SandboxChain ─────────────────────────────────────────────────────────

  keypair(name: string): KeyPair {
    let pair = this.keys.get(name);
    if (!pair) {
      pair = keypairFor(name);
      this.keys.set(name, pair);
    }
    return { ...pair };
  }

  blockNumber(): number {
    return this.headBlock().number;
  }

  produceBlock(): void {
    const parent = this.headBlock();
    const timestamp = Math.max(this.clock.now(), parent.timestamp + 1);
    const txids = this.pool;
    this.pool = [];
    const block = sealBlock(parent, timestamp, txids, this.witness);
    for (const txid of txids) {
      const record = this.txs.get(txid);
      if (record) record.block = { number: block.number, timestamp };
    }
    this.appendBlock(block);
    this.confirmedTxids.push(...txids);
    this.confirmed = cloneState(this.head);
    for (const txid of txids) {
      const record = this.txs.get(txid);
      if (record) this.notify(record);
    }
  }

  isActivated(address: string): boolean {
    return this.head.accounts.has(toHexAddress(address));
  }

  trxBalance(address: string): bigint {
    return this.head.accounts.get(toHexAddress(address))?.balance ?? 0n;
  }

  usdtBalance(address: string): bigint {
    return usdtBalanceOf(this.head, toHexAddress(address));
  }

  resources(address: string): AccountResources {
    const account = this.head.accounts.get(toHexAddress(address));
    if (!account)
      return { energyLimit: 0, energyUsed: 0, netLimit: 0, netUsed: 0, freeNetLimit: 0, freeNetUsed: 0 };
    return resourceSnapshot(account, this.clock.now());
  }

  mint(address: string, amounts: { trxSun?: bigint; usdt?: bigint }): void {
    const hex = toHexAddress(address);
    const { trxSun = 0n, usdt = 0n } = amounts;
    if (trxSun < 0n || usdt < 0n) throw new RangeError('mint amounts must not be negative');
    // Both views change at once: a faucet is not a transaction and needs no block.
    for (const state of [this.head, this.confirmed]) {
      if (trxSun > 0n) this.ensureAccountIn(state, hex).balance += trxSun;
      if (usdt > 0n) {
        state.usdtBalances.set(hex, usdtBalanceOf(state, hex) + usdt);
        state.usdtTotalSupply += usdt;
      }
    }
  }

  stake(address: string, resource: 'ENERGY' | 'BANDWIDTH', trxSun: bigint): void {
    const hex = toHexAddress(address);
    if (trxSun <= 0n) throw new RangeError('stake must be positive');
    for (const state of [this.head, this.confirmed])
      this.ensureAccountIn(state, hex).frozen[resource] += trxSun;
  }

  async sendTrx(privateKey: string, to: string, amountSun: bigint): Promise<string> {
    const owner = this.ownerOf(privateKey);
    return this.signAndBroadcast(privateKey, {
      type: 'TransferContract',
      owner,
      to: toHexAddress(to),
      amount: amountSun,
    });
  }

  async sendUsdt(privateKey: string, to: string, amount: bigint): Promise<string> {
    const owner = this.ownerOf(privateKey);
    return this.signAndBroadcast(
      privateKey,
      {
        type: 'TriggerSmartContract',
        owner,
        contract: this.usdtContractHex,
        callValue: 0n,
        data: transferCallData(toHexAddress(to), amount),
        callTokenValue: 0n,
        tokenId: 0n,
      },
      WALLET_FEE_LIMIT_SUN,
    );
  }

  async delegateResource(
    privateKey: string,
    receiver: string,
    resource: 'ENERGY' | 'BANDWIDTH',
    amount: number,
    lockSeconds?: number,
  ): Promise<string> {
    if (!Number.isInteger(amount) || amount <= 0)
      throw new RangeError('delegate a positive whole number of units');
    const lockBlocks = lockSeconds && lockSeconds > 0 ? BigInt(Math.ceil(lockSeconds / 3)) : 0n;
    return this.signAndBroadcast(privateKey, {
      type: 'DelegateResourceContract',
      owner: this.ownerOf(privateKey),
      receiver: toHexAddress(receiver),
      resource,
      balance: stakeFor(resource, amount),
      lock: lockBlocks > 0n,
      lockPeriod: lockBlocks,
    });
  }

  transaction(txid: string): ChainTx | undefined {
    const record = this.txs.get(txid.replace(/^0x/, '').toLowerCase());
    return record ? readChainTx(record, this.usdtContractHex) : undefined;
  }

  transfers(filter: { to?: string; from?: string; kind?: ChainTx['kind']; sinceMs?: number }): ChainTx[] {
    const from = filter.from && toBase58Address(filter.from);
    const to = filter.to && toBase58Address(filter.to);
    return this.confirmedRecords()
      .map((record) => readChainTx(record, this.usdtContractHex))
      .filter(
        (tx) =>
          tx.status === 'confirmed' &&
          (!filter.kind || tx.kind === filter.kind) &&
          (!from || tx.from === from) &&
          (!to || tx.to === to) &&
          (filter.sinceMs === undefined || tx.timestampMs >= filter.sinceMs),
      );
  }

  onConfirmed(listener: (tx: ChainTx) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setBlacklisted(address: string, blacklisted: boolean): void {
    const hex = toHexAddress(address);
    for (const state of [this.head, this.confirmed]) {
      if (blacklisted) state.usdtBlacklist.add(hex);
      else state.usdtBlacklist.delete(hex);
    }
  }

  isBlacklisted(address: string): boolean {
    return this.head.usdtBlacklist.has(toHexAddress(address));
  }

  estimateUsdtTransferEnergy(_from: string, to: string): number {
    return transferEnergy(this.head, toHexAddress(to));
  }

  recoverMessageSigner(message: string, signature: string): string | null {
    const signer = recoverSigner(messageDigestV2(message), signature);
    return signer ? toBase58Address(signer) : null;
  }

  // ─── The node ─────────────────────────────────────────────────────────────

  /** Validates a signed transaction and adds it to the pending pool, answering as java-tron's broadcast. */
  broadcast(tx: SignedTransaction): BroadcastResult {
    const { txid, raw } = tx;
    const problem = admissionProblem(
      {
        isKnown: (id) => this.txs.has(id),
        refBlockHash: (bytes) => this.taposIndex.get(bytes),
        headBlockTimeMs: this.headBlock().timestamp,
      },
      tx,
    );
    if (problem) return { result: false, txid, ...problem };

    const size = encodeSignedTransaction(hexToBytes(tx.rawHex), tx.signatures).length;
    const result = executeTransaction(
      { state: this.head, nowMs: this.clock.now(), usdtContract: this.usdtContractHex },
      raw,
      bandwidthBytes(size),
    );
    if (!result.ok) return { result: false, txid, code: result.code, message: result.message };
    this.txs.set(txid, { txid, raw, rawHex: tx.rawHex, signatures: tx.signatures, outcome: result.outcome });
    this.pool.push(txid);
    return { result: true, txid };
  }

  /** A transaction as the node builds it: referencing the head block, expiring 60 s after it. */
  buildTransaction(
    call: ContractCall,
    options: { feeLimit?: bigint; memoHex?: string; permissionId?: number } = {},
  ) {
    const headBlock = this.headBlock();
    const raw: RawTransaction = {
      ...taposOf(headBlock),
      expiration: headBlock.timestamp + BUILD_EXPIRATION_MS,
      data: options.memoHex ?? '',
      contract: call,
      permissionId: options.permissionId ?? 0,
      timestamp: this.clock.now(),
      feeLimit: options.feeLimit ?? 0n,
    };
    return raw;
  }

  /** Runs a call against the head state without changing it (triggerconstantcontract, estimateenergy). */
  simulateCall(owner: string, contract: string, dataHex: string, callValue: bigint): ContractRun | undefined {
    if (contract !== this.usdtContractHex) return undefined;
    return runUsdtCall(cloneState(this.head), contract, owner, dataHex, callValue);
  }

  headBlock(): BlockRecord {
    const block = this.blocks[this.blocks.length - 1];
    if (!block) throw new Error('the chain has no genesis block');
    return block;
  }

  blockByNumber(number: number): BlockRecord | undefined {
    const first = this.blocks[0]?.number ?? 0;
    return this.blocks[number - first];
  }

  blockById(id: string): BlockRecord | undefined {
    const number = Number.parseInt(id.slice(0, 16), 16);
    const block = Number.isSafeInteger(number) ? this.blockByNumber(number) : undefined;
    return block?.id === id.toLowerCase() ? block : undefined;
  }

  /** A transaction by id: pending ones too (full node), or only those in a block (`confirmedOnly`). */
  txRecord(txid: string, confirmedOnly = false): TxRecord | undefined {
    const record = this.txs.get(txid.replace(/^0x/, '').toLowerCase());
    return record && (!confirmedOnly || record.block) ? record : undefined;
  }

  /** Txids accepted and not yet in a block, oldest first. */
  pendingTxids(): string[] {
    return [...this.pool];
  }

  /** Transactions in blocks, oldest first. */
  confirmedRecords(): TxRecord[] {
    return this.confirmedTxids.map((id) => this.txs.get(id)).filter((r): r is TxRecord => !!r);
  }

  /** The head state (`confirmed`: as of the last block). Callers must not change it. */
  view(confirmed = false): ChainState {
    return confirmed ? this.confirmed : this.head;
  }

  now(): number {
    return this.clock.now();
  }

  /** Remembers the current chain as the state `reset()` returns to (the server calls it once services are created). */
  markSeeded(): void {
    if (this.pool.length) this.produceBlock();
    this.seedSnapshot = structuredClone<Snapshot>({
      head: this.head,
      confirmed: this.confirmed,
      blocks: this.blocks,
      txs: this.txs,
      confirmedTxids: this.confirmedTxids,
    });
  }

  /** Back to the seeded chain; listeners stay subscribed. A fresh block follows so the head time is current. */
  reset(): void {
    if (!this.seedSnapshot) throw new Error('markSeeded() was never called');
    const copy = structuredClone(this.seedSnapshot);
    this.head = copy.head;
    this.confirmed = copy.confirmed;
    this.blocks = copy.blocks;
    this.txs = copy.txs;
    this.confirmedTxids = copy.confirmedTxids;
    this.pool = [];
    this.taposIndex.clear();
    for (const block of this.blocks.slice(-TAPOS_WINDOW_BLOCKS)) this.indexTapos(block);
    this.produceBlock();
  }

  // ─── internals ────────────────────────────────────────────────────────────

  private appendBlock(block: BlockRecord) {
    this.blocks.push(block);
    this.indexTapos(block);
  }

  private indexTapos(block: BlockRecord) {
    const { refBlockBytes, refBlockHash } = taposOf(block);
    // Keyed by the low 16 bits of the number, so the window is the last 65,536 blocks, as java-tron's.
    this.taposIndex.set(refBlockBytes, refBlockHash);
  }

  private ownerOf(privateKey: string): string {
    return addressFromPrivateKey(privateKey.replace(/^0x/, ''));
  }

  private signAndBroadcast(privateKey: string, call: ContractCall, feeLimit?: bigint): string {
    const raw = this.buildTransaction(call, { feeLimit });
    const rawBytes = encodeRawTransaction(raw);
    const txid = transactionId(rawBytes);
    const signature = signDigest(hexToBytes(txid), privateKey);
    const result = this.broadcast({ raw, rawHex: bytesToHex(rawBytes), txid, signatures: [signature] });
    if (!result.result) throw new BroadcastError(result.code, result.message, txid);
    return txid;
  }

  private ensureAccount(hex: string): Account {
    this.ensureAccountIn(this.confirmed, hex);
    return this.ensureAccountIn(this.head, hex);
  }

  private ensureAccountIn(state: ChainState, hex: string): Account {
    let account = state.accounts.get(hex);
    if (!account) {
      account = newAccount(hex, this.clock.now());
      state.accounts.set(hex, account);
    }
    return account;
  }

  private notify(record: TxRecord) {
    const tx = readChainTx(record, this.usdtContractHex);
    for (const listener of this.listeners) {
      try {
        listener(tx);
      } catch (error) {
        // A listener's bug must not stop block production or the other listeners.
        console.error('[sandbox chain] onConfirmed listener failed:', error);
      }
    }
  }
}
