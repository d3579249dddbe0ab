import type { Hono } from 'hono';
import { z } from 'zod';
import { displayAddress, toHexAddress } from './address';
import type { SimChain } from './chain';
import { chainParameters } from './chain-parameters';
import {
  accountJson,
  accountNetJson,
  accountResourceJson,
  blockJson,
  delegatedResourceJson,
  delegationIndexJson,
  transactionInfoJson,
  transactionJson,
} from './node-json';
import { bothNodes, defineEndpoint, isTrue, type NodeParams } from './node-request';
import { ParamError, parseAddressParam } from './transaction-json';
import { usdtContractJson } from './usdt';

/** Read endpoints: blocks, transactions, accounts, resources, delegations, contracts, parameters. */
export function registerReadEndpoints(routes: Hono, chain: SimChain) {
  const solidity = (path: string) => path.startsWith('/walletsolidity/');
  const endpoint = (names: string[], handler: Parameters<typeof defineEndpoint>[2]) =>
    defineEndpoint(routes, names, handler);

  // ─── blocks ───
  endpoint(bothNodes('getnowblock'), ({ visible }) => blockJson(chain, chain.headBlock(), visible));

  endpoint(bothNodes('getblock'), ({ params, visible }) => {
    const idOrNum = params.id_or_num === undefined ? undefined : String(params.id_or_num);
    const block =
      idOrNum === undefined
        ? chain.headBlock()
        : /^\d+$/.test(idOrNum) && idOrNum.length < 16
          ? chain.blockByNumber(Number(idOrNum))
          : chain.blockById(idOrNum);
    return block ? blockJson(chain, block, visible, isTrue(params.detail)) : {};
  });

  endpoint(bothNodes('getblockbynum'), ({ params, visible }) => {
    const block = chain.blockByNumber(int(params, 'num'));
    return block ? blockJson(chain, block, visible) : {};
  });

  endpoint(bothNodes('getblockbyid'), ({ params, visible }) => {
    const block = chain.blockById(text(params, 'value'));
    return block ? blockJson(chain, block, visible) : {};
  });

  endpoint(bothNodes('getblockbylimitnext'), ({ params, visible }) => {
    const start = int(params, 'startNum');
    const end = int(params, 'endNum');
    if (end <= start || end - start > 100)
      throw new ParamError('startNum must be below endNum, 100 blocks at most');
    const blocks = range(start, end)
      .map((n) => chain.blockByNumber(n))
      .filter((b) => b !== undefined);
    return blocks.length ? { block: blocks.map((b) => blockJson(chain, b, visible)) } : {};
  });

  endpoint(bothNodes('getblockbylatestnum'), ({ params, visible }) => {
    const count = Math.min(int(params, 'num'), 100);
    const head = chain.headBlock().number;
    const blocks = range(Math.max(0, head - count + 1), head + 1)
      .map((n) => chain.blockByNumber(n))
      .filter((b) => b !== undefined);
    return { block: blocks.map((b) => blockJson(chain, b, visible)) };
  });

  // ─── transactions ───
  endpoint(['/wallet/gettransactionbyid'], ({ params, visible }) => {
    // A full node answers as soon as the transaction is accepted (the brief's "broadcast, not yet in a block").
    const record = chain.txRecord(text(params, 'value'));
    return record ? transactionJson(record, visible) : {};
  });
  endpoint(['/walletsolidity/gettransactionbyid'], ({ params, visible }) => {
    const record = chain.txRecord(text(params, 'value'), true);
    return record ? transactionJson(record, visible) : {};
  });

  endpoint(bothNodes('gettransactioninfobyid'), ({ params, visible }) => {
    const record = chain.txRecord(text(params, 'value'), true);
    return record ? transactionInfoJson(record, visible) : {};
  });

  endpoint(bothNodes('gettransactioninfobyblocknum'), ({ params, visible }) => {
    const block = chain.blockByNumber(int(params, 'num'));
    if (!block) return [];
    return block.txids.flatMap((id) => {
      const record = chain.txRecord(id, true);
      return record ? [transactionInfoJson(record, visible)] : [];
    });
  });

  endpoint(['/wallet/gettransactionfrompending'], ({ params, visible }) => {
    const record = chain.txRecord(text(params, 'value'));
    return record && !record.block ? transactionJson(record, visible) : {};
  });

  endpoint(['/wallet/gettransactionlistfrompending'], () => ({ txId: chain.pendingTxids() }));

  // ─── accounts and resources ───
  for (const path of bothNodes('getaccount')) {
    endpoint([path], ({ params, visible }) => {
      const address = parseAddressParam(params.address, 'address', visible);
      return accountJson(chain.view(solidity(path)).accounts.get(address), chain.now(), visible);
    });
  }

  endpoint(['/wallet/getaccountresource'], ({ params, visible }) => {
    const address = parseAddressParam(params.address, 'address', visible);
    return accountResourceJson(chain.view().accounts.get(address), chain.now());
  });

  endpoint(['/wallet/getaccountnet'], ({ params, visible }) => {
    const address = parseAddressParam(params.address, 'address', visible);
    return accountNetJson(chain.view().accounts.get(address), chain.now());
  });

  for (const path of bothNodes('getdelegatedresourcev2')) {
    endpoint([path], ({ params, visible }) => {
      const from = parseAddressParam(params.fromAddress, 'fromAddress', visible);
      const to = parseAddressParam(params.toAddress, 'toAddress', visible);
      return delegatedResourceJson(chain.view(solidity(path)), from, to, visible);
    });
  }

  for (const path of bothNodes('getdelegatedresourceaccountindexv2')) {
    endpoint([path], ({ params, visible }) => {
      const address = parseAddressParam(params.value, 'value', visible);
      return delegationIndexJson(chain.view(solidity(path)), address, visible);
    });
  }

  for (const path of bothNodes('getcandelegatedmaxsize')) {
    endpoint([path], ({ params, visible }) => {
      const owner = parseAddressParam(params.owner_address, 'owner_address', visible);
      const resource = Number(params.type ?? 0) === 1 ? 'ENERGY' : 'BANDWIDTH';
      const account = chain.view(solidity(path)).accounts.get(owner);
      const maxSize = account?.frozen[resource] ?? 0n;
      return maxSize > 0n ? { max_size: maxSize } : {};
    });
  }

  // ─── contracts ───
  endpoint(['/wallet/getcontract'], ({ params, visible }) => {
    const address = parseAddressParam(params.value, 'value', visible);
    return address === chain.usdtContractHex ? usdtJson(chain, visible) : {};
  });

  endpoint(['/wallet/getcontractinfo'], ({ params, visible }) => {
    const address = parseAddressParam(params.value, 'value', visible);
    if (address !== chain.usdtContractHex) return {};
    return {
      runtimecode: '6080604052',
      smart_contract: usdtJson(chain, visible),
      contract_state: {
        energy_usage: 0n,
        energy_factor: 0n,
        update_cycle: BigInt(Math.floor(chain.now() / 21_600_000)),
      },
    };
  });

  // ─── network ───
  endpoint(['/wallet/getchainparameters'], () => ({ chainParameter: chainParameters() }));

  endpoint(['/wallet/getenergyprices'], () => ({ prices: '0:100' }));
  endpoint(['/wallet/getbandwidthprices'], () => ({ prices: '0:1000' }));

  endpoint(['/wallet/getnodeinfo'], () => {
    const head = chain.headBlock();
    return {
      beginSyncNum: 0n,
      block: `Num:${head.number},ID:${head.id}`,
      solidityBlock: `Num:${head.number},ID:${head.id}`,
      currentConnectCount: 0,
      activeConnectCount: 0,
      passiveConnectCount: 0,
      totalFlow: 0n,
      peerInfoList: [],
      configNodeInfo: {
        codeVersion: '4.8.0',
        p2pVersion: '11111',
        versionNum: '19111',
        supportConstant: true,
      },
      machineInfo: {},
    };
  });

  endpoint(['/wallet/validateaddress'], ({ params }) => {
    const address = String(params.address ?? '');
    try {
      parseAddressParam(address, 'address', !address.startsWith('41'));
      return { result: true, message: address.startsWith('41') ? 'Hex string format' : 'Base58check format' };
    } catch {
      return { result: false, message: 'Invalid address' };
    }
  });
}

function usdtJson(chain: SimChain, visible: boolean) {
  const issuer = chain.keypair('usdt-issuer').address;
  return usdtContractJson(
    displayAddress(chain.usdtContractHex, visible),
    displayAddress(toHexAddress(issuer), visible),
  );
}

const nonNegativeInt = z.coerce.number().int().min(0);

function int(params: NodeParams, name: string): number {
  const result = nonNegativeInt.safeParse(params[name]);
  if (!result.success) throw new ParamError(`${name} must be a non-negative integer`);
  return result.data;
}

function text(params: NodeParams, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || !value) throw new ParamError(`${name} is required`);
  return value.replace(/^0x/, '').toLowerCase();
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}
