/** Test helpers for the TronNRG tests: a sandbox on a free port and wallets that talk to it with TronWeb. */
import { TronWeb } from 'tronweb';
import { startSandbox } from '../../server';
import type { KeyPair, World } from '../../world';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** A sandbox whose blocks are sealed only when a test mines, so "not yet confirmed" is deterministic. */
export function startQuietSandbox(): Promise<Sandbox> {
  return startSandbox({ port: 0, host: '127.0.0.1', blockIntervalMs: 3_600_000 });
}

/** A TronWeb wallet on the sandbox node, signing with `key`. */
export function walletFor(origin: string, key: KeyPair): TronWeb {
  return new TronWeb({ fullHost: `${origin}/tron`, privateKey: key.privateKey });
}

/** Sends `sun` TRX from the wallet's key and returns the txid (not yet in a block). */
export async function payTrx(wallet: TronWeb, to: string, sun: bigint): Promise<string> {
  const result = await wallet.trx.sendTransaction(to, Number(sun));
  if (!('txid' in result) || !result.txid) throw new Error(`TRX transfer refused: ${JSON.stringify(result)}`);
  return result.txid;
}

/** Sends USDT (base units) the way a wallet does: trigger, sign, broadcast. Returns the txid. */
export async function sendUsdt(wallet: TronWeb, world: World, from: KeyPair, to: string, amount: bigint) {
  const { transaction } = await wallet.transactionBuilder.triggerSmartContract(
    world.chain.usdtContract,
    'transfer(address,uint256)',
    { feeLimit: 100_000_000 },
    [
      { type: 'address', value: to },
      { type: 'uint256', value: amount.toString() },
    ],
    from.address,
  );
  const signed = await wallet.trx.sign(transaction, from.privateKey);
  const result = await wallet.trx.sendRawTransaction(signed);
  if (!result.result) throw new Error(`USDT transfer refused: ${JSON.stringify(result)}`);
  return signed.txID;
}

/** POSTs JSON and returns the status with the parsed body. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
