/**
 * The bridge function as `executeScript` runs it: serialised to source and rebuilt, in a page whose
 * TronLink is scripted here, so anything it borrowed from its module would break these tests.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tronLinkMainWorld } from '@/lib/tronlink/main-world';
import { TRONLINK_DECLINED } from '@/lib/tronlink/reports';
import type { BridgeRequest } from '@/lib/tronlink/protocol';

const ACCOUNT = 'TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc';
const OTHER = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const PAY_TO = 'TFqUiCu1JwLHHnBNeaaVKH7Csm4aA3YhZx';
const TXID = 'ab'.repeat(32);
const SOURCE = 'ampere-test-bridge';
/** What the bridge says of a wallet that neither announces itself nor sets a known flag. */
const UNNAMED = { name: 'unknown', rdns: null, source: 'unknown' };

// executeScript serialises `func`: only its own source travels to the page.
const bridge = new Function(`return (${tronLinkMainWorld.toString()})`)() as typeof tronLinkMainWorld;

type Page = Record<string, unknown> & { posted: Record<string, unknown>[] };

function installPage(globals: Record<string, unknown>): Page {
  const page: Page = { posted: [], ...globals };
  page.postMessage = (message: Record<string, unknown>) => page.posted.push(message);
  (globalThis as Record<string, unknown>).window = page;
  return page;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).window;
});

function wallet(options: { account?: string | false; declineSigning?: boolean; calls?: unknown[][] } = {}) {
  const calls = options.calls ?? [];
  return {
    defaultAddress: { base58: options.account === undefined ? ACCOUNT : options.account },
    trx: {
      async sendTransaction(to: string, amount: unknown) {
        calls.push(['sendTransaction', to, amount]);
        if (options.declineSigning) throw TRONLINK_DECLINED;
        return { result: true, txid: TXID, transaction: { txID: TXID } };
      },
      async signMessageV2(message: string) {
        calls.push(['signMessageV2', message]);
        if (options.declineSigning) throw TRONLINK_DECLINED;
        return `0x${'11'.repeat(65)}`;
      },
    },
  };
}

const request = (overrides: Partial<BridgeRequest>): BridgeRequest => ({
  nonce: 'nonce-0123456789',
  op: 'connect',
  waitForProviderMs: 0,
  ...overrides,
});

describe('the main-world bridge', () => {
  it('connects through window.tron (TIP-1193) and posts started, then done', async () => {
    const tronWeb = wallet();
    const page = installPage({
      tron: {
        request: async ({ method }: { method: string }) =>
          method === 'eth_requestAccounts' ? [ACCOUNT] : null,
        tronWeb,
      },
    });
    const report = await bridge(request({}), SOURCE);
    expect(report).toEqual({ kind: 'connected', via: 'tron', account: ACCOUNT, wallet: UNNAMED });
    expect(page.posted.map((m) => [m.source, m.nonce, m.phase])).toEqual([
      [SOURCE, 'nonce-0123456789', 'started'],
      [SOURCE, 'nonce-0123456789', 'done'],
    ]);
    expect(page.posted[1]!.report).toEqual(report);
  });

  it('names the wallet by its TIP-6963 announcement and asks that provider, not a window.tron taken over', async () => {
    const events = new EventTarget();
    const asked: string[] = [];
    const provider = (name: string, flags: Record<string, boolean>) => ({
      ...flags,
      request: async () => {
        asked.push(name);
        return [ACCOUNT];
      },
      tronWeb: wallet(),
    });
    const tronLink = provider('tronlink', { isTronLink: true });
    // Another wallet overwrote window.tron, and even claims TronLink's flag.
    const other = provider('other', { isTronLink: true });
    const page = installPage({
      tron: other,
      addEventListener: events.addEventListener.bind(events),
      removeEventListener: events.removeEventListener.bind(events),
      dispatchEvent: events.dispatchEvent.bind(events),
    });
    events.addEventListener('TIP6963:requestProvider', () => {
      events.dispatchEvent(
        new CustomEvent('TIP6963:announceProvider', {
          detail: { info: { name: 'TronLink', rdns: 'com.tronlink.wallet', uuid: 'u' }, provider: tronLink },
        }),
      );
    });
    expect(await bridge(request({}), SOURCE)).toEqual({
      kind: 'connected',
      via: 'tron',
      account: ACCOUNT,
      wallet: { name: 'TronLink', rdns: 'com.tronlink.wallet', source: 'announced' },
    });
    expect(asked).toEqual(['tronlink']);
    expect(page.tron).toBe(other);
  });

  it('names the wallet by its own flags when nothing is announced', async () => {
    installPage({
      tron: { isOkxWallet: true, request: async () => [ACCOUNT], tronWeb: wallet() },
    });
    expect(await bridge(request({}), SOURCE)).toMatchObject({
      kind: 'connected',
      wallet: { name: 'OKX Wallet', rdns: null, source: 'flags' },
    });
  });

  it('reports the TIP-1193 error code a refusal carries', async () => {
    installPage({
      tron: {
        request: async () => {
          throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
        },
        tronWeb: false,
      },
    });
    expect(await bridge(request({}), SOURCE)).toEqual({
      kind: 'error',
      stage: 'accounts',
      code: 4001,
      message: 'User rejected the request.',
    });
  });

  it('falls back to the legacy tronLink, which answers empty while locked', async () => {
    installPage({ tronLink: { request: async () => '', tronWeb: wallet({ account: false }) } });
    expect(await bridge(request({}), SOURCE)).toEqual({ kind: 'locked', via: 'tronLink' });
    installPage({
      tronLink: { request: async () => ({ code: 4000, message: 'pending' }), tronWeb: wallet() },
    });
    expect(await bridge(request({}), SOURCE)).toMatchObject({
      kind: 'error',
      stage: 'accounts',
      legacyCode: 4000,
    });
    installPage({ tronLink: { request: async () => ({ code: 200, message: 'ok' }), tronWeb: wallet() } });
    expect(await bridge(request({}), SOURCE)).toEqual({
      kind: 'connected',
      via: 'tronLink',
      account: ACCOUNT,
      wallet: UNNAMED,
    });
  });

  it('uses a bare window.tronWeb from old TronLink versions', async () => {
    installPage({ tronWeb: wallet() });
    expect(await bridge(request({}), SOURCE)).toEqual({
      kind: 'connected',
      via: 'tronWeb',
      account: ACCOUNT,
      wallet: UNNAMED,
    });
  });

  it('says TronLink is absent after waiting a moment for it', async () => {
    const page = installPage({});
    const started = Date.now();
    expect(await bridge(request({ waitForProviderMs: 250 }), SOURCE)).toEqual({ kind: 'absent' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(page.posted.at(-1)).toMatchObject({ phase: 'done', report: { kind: 'absent' } });
  });

  it('pays pay_to the exact amount in sun, as the expected account only', async () => {
    const calls: unknown[][] = [];
    installPage({ tronWeb: wallet({ calls }) });
    const pay = request({ op: 'pay', expectedAccount: ACCOUNT, payTo: PAY_TO, amountSun: '4000000' });
    expect(await bridge(pay, SOURCE)).toEqual({
      kind: 'paid',
      via: 'tronWeb',
      account: ACCOUNT,
      txid: TXID,
      wallet: UNNAMED,
    });
    expect(calls).toEqual([['sendTransaction', PAY_TO, 4_000_000]]);

    expect(await bridge({ ...pay, expectedAccount: OTHER }, SOURCE)).toEqual({
      kind: 'wrong_account',
      account: ACCOUNT,
    });
    expect(calls).toHaveLength(1);
    expect(await bridge({ ...pay, amountSun: '4.5' }, SOURCE)).toMatchObject({
      kind: 'error',
      stage: 'input',
    });
    expect(calls).toHaveLength(1);
  });

  it('passes on the string TronWeb rejects a declined signature with', async () => {
    installPage({ tronWeb: wallet({ declineSigning: true }) });
    const sign = request({ op: 'sign', expectedAccount: ACCOUNT, message: `${TXID}:${ACCOUNT}` });
    expect(await bridge(sign, SOURCE)).toEqual({ kind: 'error', stage: 'sign', thrown: TRONLINK_DECLINED });
  });

  it('signs exactly the message it was given', async () => {
    const calls: unknown[][] = [];
    installPage({ tronWeb: wallet({ calls }) });
    const sign = request({ op: 'sign', expectedAccount: ACCOUNT, message: `${TXID}:${OTHER}` });
    expect(await bridge(sign, SOURCE)).toMatchObject({ kind: 'signed', signature: `0x${'11'.repeat(65)}` });
    expect(calls).toEqual([['signMessageV2', `${TXID}:${OTHER}`]]);
  });

  it('reports a failed broadcast with the txid TronWeb built', async () => {
    const tronWeb = wallet();
    tronWeb.trx.sendTransaction = async () => ({ result: false, code: 'SERVER_BUSY', txid: TXID }) as never;
    installPage({ tronWeb });
    const pay = request({ op: 'pay', expectedAccount: ACCOUNT, payTo: PAY_TO, amountSun: '4000000' });
    expect(await bridge(pay, SOURCE)).toMatchObject({
      kind: 'error',
      stage: 'pay',
      code: 'SERVER_BUSY',
      txid: TXID,
    });
  });

  it('sends a memo as the transfer data: built, noted, signed in TronLink, broadcast', async () => {
    const calls: unknown[][] = [];
    const tronWeb = {
      ...wallet({ calls }),
      transactionBuilder: {
        async sendTrx(to: string, amount: unknown, from: string) {
          calls.push(['sendTrx', to, amount, from]);
          return { txID: 'unsigned' };
        },
        async addUpdateData(tx: object, memo: string, encoding: string) {
          calls.push(['addUpdateData', memo, encoding]);
          return { ...tx, memo };
        },
      },
    };
    Object.assign(tronWeb.trx, {
      async sign(tx: unknown) {
        calls.push(['sign', tx]);
        return { signed: tx };
      },
      async sendRawTransaction(tx: unknown) {
        calls.push(['sendRawTransaction', tx]);
        return { result: true, txid: TXID };
      },
    });
    installPage({ tronWeb });
    const pay = request({
      op: 'pay',
      expectedAccount: ACCOUNT,
      payTo: PAY_TO,
      amountSun: '2500000',
      memo: 'ACC-17',
    });
    expect(await bridge(pay, SOURCE)).toMatchObject({ kind: 'paid', account: ACCOUNT, txid: TXID });
    expect(calls).toEqual([
      ['sendTrx', PAY_TO, 2_500_000, ACCOUNT],
      ['addUpdateData', 'ACC-17', 'utf8'],
      ['sign', { txID: 'unsigned', memo: 'ACC-17' }],
      ['sendRawTransaction', { signed: { txID: 'unsigned', memo: 'ACC-17' } }],
    ]);
  });
});
