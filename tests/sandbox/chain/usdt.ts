import {
  addressWord,
  argumentWords,
  boolWord,
  eventTopic,
  functionSelector,
  stringReturn,
  uintWord,
  wordToAddress,
  wordToUint,
} from './abi';
import type { ChainState } from './state';

/**
 * The USDT-TRC20 contract (TetherToken) as the sandbox runs it: balances, the blacklist, and the
 * energy a call consumes. Energy figures are mainnet's: a transfer costs 64,285 energy when the
 * receiver already holds USDT and 130,285 when its balance slot is still zero.
 */

export const USDT_NAME = 'Tether USD';
export const USDT_SYMBOL = 'USDT';
export const USDT_DECIMALS = 6n;

export const TRANSFER_ENERGY_TO_HOLDER = 64_285;
export const TRANSFER_ENERGY_TO_NEW_HOLDER = 130_285;
/** What a reverted transfer burns: it stops at the first `require`, long before any storage write. */
export const REVERT_ENERGY = 1_022;
/** A read-only call (balanceOf, decimals…), as triggerconstantcontract reports it. */
export const VIEW_ENERGY = 935;

/** A log entry as the node reports it: contract address without the 41 prefix, topics and data as hex. */
export interface LogEntry {
  address: string;
  topics: string[];
  data: string;
}

/** The outcome of running a call: return data, energy, and the state change to commit on success. */
export interface ContractRun {
  reverted: boolean;
  returnHex: string;
  energy: number;
  logs: LogEntry[];
  /** Present for a successful state-changing call; the executor calls it only if the energy was paid. */
  commit?: () => void;
  /** For a transfer, what it moves (for the read model). */
  transfer?: { from: string; to: string; amount: bigint };
}

const SELECTORS = {
  transfer: functionSelector('transfer(address,uint256)'),
  balanceOf: functionSelector('balanceOf(address)'),
  isBlackListed: functionSelector('isBlackListed(address)'),
  getBlackListStatus: functionSelector('getBlackListStatus(address)'),
  decimals: functionSelector('decimals()'),
  symbol: functionSelector('symbol()'),
  name: functionSelector('name()'),
  totalSupply: functionSelector('totalSupply()'),
};

/** Topic 0 of the ERC-20 `Transfer` event. */
export const TRANSFER_TOPIC = eventTopic('Transfer(address,address,uint256)');

const revert = (energy = REVERT_ENERGY): ContractRun => ({ reverted: true, returnHex: '', energy, logs: [] });
const view = (returnHex: string): ContractRun => ({
  reverted: false,
  returnHex,
  energy: VIEW_ENERGY,
  logs: [],
});

/** The USDT balance of a hex address. */
export function usdtBalanceOf(state: ChainState, address: string): bigint {
  return state.usdtBalances.get(address) ?? 0n;
}

/** Energy a transfer to `to` consumes in this state. */
export function transferEnergy(state: ChainState, to: string): number {
  return usdtBalanceOf(state, to) > 0n ? TRANSFER_ENERGY_TO_HOLDER : TRANSFER_ENERGY_TO_NEW_HOLDER;
}

/** Runs a call of `caller` on the USDT contract against `state` (nothing changes until `commit`). */
export function runUsdtCall(
  state: ChainState,
  contractHex: string,
  caller: string,
  dataHex: string,
  callValue: bigint,
): ContractRun {
  const selector = dataHex.slice(0, 8).toLowerCase();
  const words = argumentWords(dataHex);
  // TetherToken has no payable function and no fallback: value or unknown selectors revert.
  if (callValue !== 0n || words === null) return revert();
  const addressArg = () => (words[0] ? wordToAddress(words[0]) : null);

  switch (selector) {
    case SELECTORS.balanceOf: {
      const who = addressArg();
      return who ? view(uintWord(usdtBalanceOf(state, who))) : revert();
    }
    case SELECTORS.isBlackListed:
    case SELECTORS.getBlackListStatus: {
      const who = addressArg();
      return who ? view(boolWord(state.usdtBlacklist.has(who))) : revert();
    }
    case SELECTORS.decimals:
      return view(uintWord(USDT_DECIMALS));
    case SELECTORS.symbol:
      return view(stringReturn(USDT_SYMBOL));
    case SELECTORS.name:
      return view(stringReturn(USDT_NAME));
    case SELECTORS.totalSupply:
      return view(uintWord(state.usdtTotalSupply));
    case SELECTORS.transfer:
      return runTransfer(state, contractHex, caller, dataHex);
    default:
      return revert();
  }
}

function runTransfer(state: ChainState, contractHex: string, from: string, dataHex: string): ContractRun {
  const call = decodeTransferCall(dataHex);
  if (!call) return revert();
  const { to, amount } = call;
  // Mainnet's TetherToken checks only the sender; the sandbox refuses both sides so that a
  // blacklisted receiver is visible in tests too (the brief's rule).
  if (state.usdtBlacklist.has(from) || state.usdtBlacklist.has(to)) return revert();
  if (usdtBalanceOf(state, from) < amount) return revert();
  return {
    reverted: false,
    returnHex: boolWord(true),
    energy: transferEnergy(state, to),
    logs: [
      {
        address: contractHex.slice(2),
        topics: [TRANSFER_TOPIC, addressWord(from), addressWord(to)],
        data: uintWord(amount),
      },
    ],
    transfer: { from, to, amount },
    commit: () => {
      state.usdtBalances.set(from, usdtBalanceOf(state, from) - amount);
      state.usdtBalances.set(to, usdtBalanceOf(state, to) + amount);
    },
  };
}

/** Call data of `transfer(to, amount)`. */
export function transferCallData(toHex: string, amount: bigint): string {
  return SELECTORS.transfer + addressWord(toHex) + uintWord(amount);
}

/** `transfer(address,uint256)` call data, decoded (the read model uses it for reverted transfers too). */
export function decodeTransferCall(dataHex: string): { to: string; amount: bigint } | undefined {
  if (dataHex.slice(0, 8).toLowerCase() !== SELECTORS.transfer) return undefined;
  const words = argumentWords(dataHex);
  const to = words?.[0] ? wordToAddress(words[0]) : null;
  if (!to || !words?.[1]) return undefined;
  return { to, amount: wordToUint(words[1]) };
}

/** The contract as `wallet/getcontract` prints it (java-tron capitalises ABI enum names). */
export function usdtContractJson(contractAddress: string, originAddress: string): Record<string, unknown> {
  const input = (name: string, type: string) => ({ name, type });
  const fn = (
    name: string,
    inputs: Array<{ name: string; type: string }>,
    outputs: Array<{ name: string; type: string }>,
    mutability: 'View' | 'Nonpayable',
  ) => ({
    ...(mutability === 'View' ? { constant: true } : {}),
    inputs: inputs.length ? inputs : undefined,
    name,
    outputs,
    stateMutability: mutability,
    type: 'Function',
  });
  const entrys = [
    fn('name', [], [input('', 'string')], 'View'),
    fn('totalSupply', [], [input('', 'uint256')], 'View'),
    fn('decimals', [], [input('', 'uint256')], 'View'),
    fn('getBlackListStatus', [input('_maker', 'address')], [input('', 'bool')], 'View'),
    fn('balanceOf', [input('who', 'address')], [input('', 'uint256')], 'View'),
    fn('symbol', [], [input('', 'string')], 'View'),
    fn('transfer', [input('_to', 'address'), input('_value', 'uint256')], [input('', 'bool')], 'Nonpayable'),
    fn('isBlackListed', [input('', 'address')], [input('', 'bool')], 'View'),
    {
      anonymous: false,
      inputs: [
        { indexed: true, name: 'from', type: 'address' },
        { indexed: true, name: 'to', type: 'address' },
        { name: 'value', type: 'uint256' },
      ],
      name: 'Transfer',
      type: 'Event',
    },
  ];
  return {
    origin_address: originAddress,
    contract_address: contractAddress,
    abi: { entrys },
    // The real runtime code is not reproduced; clients only need to see that code exists.
    bytecode: '6080604052',
    consume_user_resource_percent: 100,
    name: 'TetherToken',
    origin_energy_limit: 10_000_000,
    code_hash: '',
  };
}
