/**
 * The TronLink emulator in headless Chromium against the running sandbox: what a dapp (and the
 * extension's bridge) sees through window.tron, window.tronLink and window.tronWeb, and how the
 * approval policy set from the page, from Playwright or over HTTP changes the answers.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TronWeb } from 'tronweb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../server';
import { launchChromium } from '../tronscan/testing/chromium';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let browser: Browser;
let context: BrowserContext;
let tronlinkAddress: string;
let secondAddress: string;

/** What TronLink puts on `window`, as far as these tests look (the pages are plain JavaScript). */
interface InjectedWindow {
  tron: {
    isTronLink: boolean;
    tronWeb: unknown;
    request(args: unknown): Promise<unknown>;
    on(event: string, listener: (value: never) => void): unknown;
  };
  tronLink: { ready: boolean; tronWeb: unknown; request(args: unknown): Promise<unknown> };
  tronWeb: {
    defaultAddress: { base58: string | false };
    defaultPrivateKey: unknown;
    fullNode: { host: string };
    isAddress(address: string): boolean;
  };
  __tronlinkEmulator: {
    configure(update: Record<string, unknown>): Promise<EmulatorState>;
    refresh(): Promise<EmulatorState>;
    state(): EmulatorState;
  };
  __tronlinkEmulatorConfig?: Record<string, unknown>;
}

/** The page's `window` in `page.evaluate` callbacks (module-scoped: types only, no runtime effect). */
declare const window: Window & typeof globalThis & InjectedWindow;

interface EmulatorState {
  installed: boolean;
  mode: string;
  connected: boolean;
  exposedAddress: string | false;
}

/** What a rejected call gave the page: TronLink rejects with `{code, message}` errors or bare strings. */
type Outcome = { ok: unknown } | { error: string | { code?: number; message?: string } };

async function postConfig(update: Record<string, unknown>): Promise<Response> {
  return fetch(`${sandbox.origin}/tronlink/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(update),
  });
}

async function openDapp(path = '/tronlink/'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${sandbox.origin}${path}`);
  return page;
}

/** Runs `expression` (an async function body using `tron`, `tronLink`, `tronWeb`) in the page. */
function attempt(page: Page, expression: string, arg?: unknown): Promise<Outcome> {
  return page.evaluate(
    async ({ expression, arg }) => {
      try {
        const run = new Function('arg', `return (async () => { ${expression} })();`) as (
          arg: unknown,
        ) => Promise<unknown>;
        return { ok: await run(arg) };
      } catch (error) {
        if (typeof error === 'string') return { error };
        const { code, message } = error as { code?: number; message?: string };
        return { error: { code, message } };
      }
    },
    { expression, arg },
  );
}

const connect = (page: Page) =>
  attempt(page, `return await window.tron.request({ method: 'eth_requestAccounts' });`);

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', blockIntervalMs: 500 });
  browser = await launchChromium();
  tronlinkAddress = sandbox.world.chain.keypair('tronlink').address;
  secondAddress = sandbox.world.chain.keypair('tronlink2').address;
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

afterEach(async () => {
  await context?.close();
  await postConfig({ mode: 'approve', delayMs: 1000, account: 'tronlink', connectedOrigins: [] });
});

beforeEach(async () => {
  context = await browser.newContext();
});

describe('what TronLink injects', () => {
  it('gives every page window.tron, window.tronLink and a real window.tronWeb, but no account before connecting', async () => {
    const page = await openDapp();
    const seen = await page.evaluate(() => ({
      isTronLink: window.tron.isTronLink,
      tronTronWeb: window.tron.tronWeb,
      ready: window.tronLink.ready,
      sameTronWeb: window.tronLink.tronWeb === window.tronWeb,
      defaultAddress: window.tronWeb.defaultAddress.base58,
      isAddress: window.tronWeb.isAddress('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'),
      fullNode: window.tronWeb.fullNode.host,
    }));
    expect(seen).toEqual({
      isTronLink: true,
      tronTronWeb: false,
      ready: false,
      sameTronWeb: true,
      defaultAddress: false,
      isAddress: true,
      fullNode: `${sandbox.origin}/tron`,
    });
  });

  it('announces itself as TronLink under TIP-6963', async () => {
    const page = await openDapp();
    const announced = await page.evaluate(
      () =>
        new Promise<{ name: string; rdns: string; same: boolean }>((resolve) => {
          window.addEventListener('TIP6963:announceProvider', (event) => {
            const { info, provider } = (event as CustomEvent).detail;
            resolve({ name: info.name, rdns: info.rdns, same: provider === window.tron });
          });
          window.dispatchEvent(new Event('TIP6963:requestProvider'));
        }),
    );
    expect(announced).toEqual({ name: 'TronLink', rdns: 'com.tronlink.wallet', same: true });
  });

  it('keeps the private key out of reach of the page', async () => {
    const page = await openDapp();
    await connect(page);
    const privateKey = sandbox.world.chain.keypair('tronlink').privateKey;
    const found = await page.evaluate((secret) => {
      const seen = new Set<unknown>();
      const hits: string[] = [];
      const walk = (value: unknown, path: string, depth: number) => {
        if (
          depth > 4 ||
          value === null ||
          (typeof value !== 'object' && typeof value !== 'function') ||
          seen.has(value)
        )
          return;
        seen.add(value);
        for (const key of Object.getOwnPropertyNames(value)) {
          let child: unknown;
          try {
            child = (value as Record<string, unknown>)[key];
          } catch {
            continue;
          }
          if (typeof child === 'string' && child.toLowerCase().includes(secret)) hits.push(`${path}.${key}`);
          walk(child, `${path}.${key}`, depth + 1);
        }
      };
      walk(window.tron, 'tron', 0);
      walk(window.tronLink, 'tronLink', 0);
      walk(window.tronWeb, 'tronWeb', 0);
      walk(window.__tronlinkEmulator, '__tronlinkEmulator', 0);
      return { hits, defaultPrivateKey: window.tronWeb.defaultPrivateKey };
    }, privateKey);
    expect(found).toEqual({ hits: [], defaultPrivateKey: false });
  });

  it('injects nothing when TronLink is absent, and appears when it is enabled again', async () => {
    await postConfig({ mode: 'absent' });
    const page = await openDapp();
    expect(
      await page.evaluate(() => [typeof window.tron, typeof window.tronLink, typeof window.tronWeb]),
    ).toEqual(['undefined', 'undefined', 'undefined']);
    const state = await page.evaluate(() => window.__tronlinkEmulator.configure({ mode: 'approve' }));
    expect(state.installed).toBe(true);
    expect(await page.evaluate(() => window.tron.isTronLink)).toBe(true);
  });
});

describe('connecting a site', () => {
  it('answers eth_requestAccounts with the seeded account and tells the page', async () => {
    const page = await openDapp();
    await page.evaluate(() => {
      const w = window as unknown as { seen: unknown[] };
      w.seen = [];
      window.tron.on('accountsChanged', (accounts: unknown) => w.seen.push(['accountsChanged', accounts]));
      window.addEventListener('message', (event) => {
        if (event.data?.isTronLink && event.data.message?.action === 'setAccount')
          w.seen.push(['setAccount', event.data.message.data.address]);
      });
    });
    expect(await connect(page)).toEqual({ ok: [tronlinkAddress] });
    await page.waitForFunction(() => (window as unknown as { seen: unknown[] }).seen.length >= 2);
    expect(await page.evaluate(() => (window as unknown as { seen: unknown[] }).seen)).toEqual([
      ['accountsChanged', [tronlinkAddress]],
      ['setAccount', tronlinkAddress],
    ]);
    expect(
      await page.evaluate(() => ({
        tronTronWeb: window.tron.tronWeb === window.tronWeb,
        ready: window.tronLink.ready,
        base58: window.tronWeb.defaultAddress.base58,
      })),
    ).toEqual({ tronTronWeb: true, ready: true, base58: tronlinkAddress });
  });

  it('remembers a connected site across reloads, without asking again', async () => {
    const page = await openDapp();
    await connect(page);
    await postConfig({ mode: 'reject' });
    await page.reload();
    expect(await page.evaluate(() => window.tronWeb.defaultAddress.base58)).toBe(tronlinkAddress);
    expect(await connect(page)).toEqual({ ok: [tronlinkAddress] });
    expect(
      await attempt(page, `return await window.tronLink.request({ method: 'tron_requestAccounts' });`),
    ).toEqual({
      ok: { code: 200, message: 'The site is already in the whitelist' },
    });
  });

  it('rejects with 4001 when the user declines, and the legacy request resolves {code: 4001}', async () => {
    await postConfig({ mode: 'reject' });
    const page = await openDapp();
    expect(await connect(page)).toEqual({ error: { code: 4001, message: 'User rejected the request.' } });
    expect(
      await attempt(page, `return await window.tronLink.request({ method: 'tron_requestAccounts' });`),
    ).toEqual({
      ok: { code: 4001, message: 'User rejected the request' },
    });
    expect(await page.evaluate(() => window.tron.tronWeb)).toBe(false);
  });

  it('answers -32002 (and legacy 4000) while a connection prompt is already open', async () => {
    await postConfig({ mode: 'delay', delayMs: 1500 });
    const page = await openDapp();
    const [first, second, legacy] = await page.evaluate(async () => {
      const settle = (promise: Promise<unknown>) =>
        promise.then(
          (ok) => ({ ok }),
          (error: { code?: number }) => ({ code: error.code }),
        );
      const firstRequest = settle(window.tron.request({ method: 'eth_requestAccounts' }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      return Promise.all([
        firstRequest,
        settle(window.tron.request({ method: 'eth_requestAccounts' })),
        window.tronLink.request({ method: 'tron_requestAccounts' }),
      ]);
    });
    expect(first).toEqual({ ok: [tronlinkAddress] });
    expect(second).toEqual({ code: -32002 });
    expect(legacy).toMatchObject({ code: 4000 });
  });

  it('answers -32000 while locked; the legacy request resolves empty and nothing can be signed', async () => {
    const page = await openDapp();
    await connect(page);
    await postConfig({ mode: 'locked' });
    expect(await connect(page)).toEqual({ error: { code: -32000, message: expect.any(String) } });
    expect(
      await attempt(page, `return await window.tronLink.request({ method: 'tron_requestAccounts' });`),
    ).toEqual({ ok: '' });
    expect(
      await page.evaluate(() => [
        window.tronLink.ready,
        window.tron.tronWeb,
        window.tronWeb.defaultAddress.base58,
      ]),
    ).toEqual([false, false, false]);
    expect(await attempt(page, `return await window.tronWeb.trx.signMessageV2('locked?');`)).toEqual({
      error: 'Confirmation declined by user',
    });
  });

  it('rejects a prompt from a tab that is not visible with 4001', async () => {
    const page = await openDapp();
    await page.evaluate(() => Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' }));
    expect(await connect(page)).toEqual({ error: { code: 4001, message: 'User rejected the request.' } });
    expect(await attempt(page, `return await window.tronWeb.trx.signMessageV2('hidden');`)).toEqual({
      error: 'Confirmation declined by user',
    });
  });

  it('answers 4200 for unsupported methods and -32602 for malformed requests', async () => {
    const page = await openDapp();
    expect(
      await attempt(page, `return await window.tron.request({ method: 'eth_sendTransaction' });`),
    ).toMatchObject({
      error: { code: 4200 },
    });
    expect(await attempt(page, `return await window.tron.request('eth_requestAccounts');`)).toMatchObject({
      error: { code: -32602 },
    });
  });

  it('reports the sandbox chain id in its first message and accepts switching to it', async () => {
    // Registered before any page script, so TronLink's first message cannot be missed.
    await context.addInitScript(() => {
      window.addEventListener('message', (event) => {
        if (event.data?.isTronLink && event.data.message?.action === 'tabReply') {
          (window as unknown as { tabReply: unknown }).tabReply = event.data.message.data;
        }
      });
    });
    const page = await openDapp();
    await page.waitForFunction(() => 'tabReply' in window);
    const reply = (await page.evaluate(() => (window as unknown as { tabReply: unknown }).tabReply)) as {
      data: { node: { chainId: string; fullNode: string }; address: string | false };
    };
    const genesis = (await (
      await fetch(`${sandbox.origin}/tron/wallet/getblockbynum`, { method: 'POST', body: '{"num":0}' })
    ).json()) as { blockID: string };
    const chainId = `0x${genesis.blockID.slice(-8)}`;
    expect(reply.data).toMatchObject({
      node: { chainId, fullNode: `${sandbox.origin}/tron` },
      address: false,
    });
    const switchTo = (id: string) =>
      attempt(
        page,
        `return await window.tron.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: arg }] });`,
        id,
      );
    expect(await switchTo(chainId)).toEqual({ ok: null });
    expect(await switchTo('0x1')).toMatchObject({ error: { code: 4902 } });
  });
});

describe('signing and sending through the approval policy', () => {
  it('signs a message that TronWeb verifies back to the account', async () => {
    const page = await openDapp();
    await connect(page);
    const message = 'Ampere sandbox: prove you own this account';
    const outcome = await attempt(page, `return await window.tronWeb.trx.signMessageV2(arg);`, message);
    expect(outcome).toEqual({ ok: expect.stringMatching(/^0x[0-9a-f]{130}$/) });
    const signature = (outcome as { ok: string }).ok;
    const tronWeb = new TronWeb({ fullHost: `${sandbox.origin}/tron` });
    expect(await tronWeb.trx.verifyMessageV2(message, signature)).toBe(tronlinkAddress);
    expect(sandbox.world.chain.recoverMessageSigner(message, signature)).toBe(tronlinkAddress);
  });

  it('sends TRX that the chain confirms', async () => {
    const page = await openDapp();
    await connect(page);
    const before = sandbox.world.chain.trxBalance(secondAddress);
    const outcome = await attempt(
      page,
      `return await window.tronWeb.trx.sendTransaction(arg, 1000000);`,
      secondAddress,
    );
    expect(outcome).toMatchObject({ ok: { result: true, txid: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const { txid } = (outcome as { ok: { txid: string } }).ok;
    sandbox.world.chain.produceBlock();
    expect(sandbox.world.chain.transaction(txid)).toMatchObject({
      status: 'confirmed',
      from: tronlinkAddress,
      to: secondAddress,
    });
    expect(sandbox.world.chain.trxBalance(secondAddress) - before).toBe(1_000_000n);
  });

  it("declines with TronLink's string when the user rejects, and nothing reaches the chain", async () => {
    const page = await openDapp();
    await connect(page);
    await postConfig({ mode: 'reject' });
    const before = sandbox.world.chain.trxBalance(secondAddress);
    expect(
      await attempt(page, `return await window.tronWeb.trx.sendTransaction(arg, 1000000);`, secondAddress),
    ).toEqual({
      error: 'Confirmation declined by user',
    });
    expect(await attempt(page, `return await window.tronWeb.trx.signMessageV2('no');`)).toEqual({
      error: 'Confirmation declined by user',
    });
    sandbox.world.chain.produceBlock();
    expect(sandbox.world.chain.trxBalance(secondAddress)).toBe(before);
  });

  it('transfers USDT through the contract, signed by the same prompt', async () => {
    const page = await openDapp();
    await connect(page);
    const usdt = sandbox.world.chain.usdtContract;
    const before = sandbox.world.chain.usdtBalance(secondAddress);
    const outcome = await attempt(
      page,
      `const token = await window.tronWeb.contract().at(arg.usdt);
       return await token.transfer(arg.to, 1500000).send({ feeLimit: 100000000 });`,
      { usdt, to: secondAddress },
    );
    expect(outcome).toEqual({ ok: expect.stringMatching(/^[0-9a-f]{64}$/) });
    sandbox.world.chain.produceBlock();
    expect(sandbox.world.chain.transaction((outcome as { ok: string }).ok)).toMatchObject({
      kind: 'usdt_transfer',
      contractRet: 'SUCCESS',
      from: tronlinkAddress,
    });
    expect(sandbox.world.chain.usdtBalance(secondAddress) - before).toBe(1_500_000n);
  });

  it('signs a transaction the page built, for the node to broadcast', async () => {
    const page = await openDapp();
    await connect(page);
    const outcome = await attempt(
      page,
      `const tx = await window.tronWeb.transactionBuilder.sendTrx(arg, 2000000);
       const signed = await window.tronWeb.trx.sign(tx);
       return { signatures: signed.signature.length, result: (await window.tronWeb.trx.sendRawTransaction(signed)).result };`,
      secondAddress,
    );
    expect(outcome).toEqual({ ok: { signatures: 1, result: true } });
  });
});

describe('changing the policy', () => {
  it('follows POST /tronlink/config for a tab that is already open', async () => {
    const page = await openDapp();
    await connect(page);
    await postConfig({ mode: 'reject' });
    expect(await attempt(page, `return await window.tronWeb.trx.signMessageV2('a');`)).toEqual({
      error: 'Confirmation declined by user',
    });
    await postConfig({ mode: 'approve' });
    expect(await attempt(page, `return await window.tronWeb.trx.signMessageV2('b');`)).toMatchObject({
      ok: expect.any(String),
    });
  });

  it('in delay mode answers after the delay with the policy then in force', async () => {
    await postConfig({ mode: 'delay', delayMs: 1200 });
    const page = await openDapp();
    await connect(page);
    const started = Date.now();
    const approved = await attempt(page, `return await window.tronWeb.trx.signMessageV2('slow');`);
    expect(approved).toMatchObject({ ok: expect.any(String) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1100);
    const pending = attempt(page, `return await window.tronWeb.trx.signMessageV2('changed my mind');`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await postConfig({ mode: 'reject' });
    expect(await pending).toEqual({ error: 'Confirmation declined by user' });
  });

  it('lets the page override the policy until the sandbox changes it again', async () => {
    const page = await openDapp();
    await connect(page);
    const state = await page.evaluate(() => window.__tronlinkEmulator.configure({ mode: 'reject' }));
    expect(state.mode).toBe('reject');
    expect(await attempt(page, `return await window.tronWeb.trx.signMessageV2('c');`)).toEqual({
      error: 'Confirmation declined by user',
    });
    await postConfig({ delayMs: 0 });
    expect(await attempt(page, `return await window.tronWeb.trx.signMessageV2('d');`)).toMatchObject({
      ok: expect.any(String),
    });
  });

  it('takes a preset from Playwright before the script runs, and injects once when added twice', async () => {
    const script = await (await fetch(`${sandbox.origin}/tronlink/emulator.js`)).text();
    await context.addInitScript(() => {
      window.__tronlinkEmulatorConfig = { mode: 'reject' };
    });
    await context.addInitScript({ content: script });
    const page = await openDapp(); // the page also has its own <script src="/tronlink/emulator.js">
    expect(await page.evaluate(() => window.__tronlinkEmulator.state().mode)).toBe('reject');
    expect(await connect(page)).toEqual({ error: { code: 4001, message: 'User rejected the request.' } });
    expect(
      await page.evaluate(() => window.tronLink.tronWeb === window.tronWeb && window.tron === window.tron),
    ).toBe(true);
  });

  it('switches accounts and tells connected pages', async () => {
    const page = await openDapp();
    await connect(page);
    await page.evaluate(() => {
      const w = window as unknown as { changes: unknown[] };
      w.changes = [];
      window.tron.on('accountsChanged', (accounts: unknown) => w.changes.push(accounts));
    });
    await postConfig({ account: 'tronlink2' });
    const state = await page.evaluate(() => window.__tronlinkEmulator.refresh());
    expect(state.exposedAddress).toBe(secondAddress);
    expect(await page.evaluate(() => (window as unknown as { changes: unknown[] }).changes)).toEqual([
      [secondAddress],
    ]);
    const signature = await attempt(
      page,
      `return await window.tronWeb.trx.signMessageV2('from the second account');`,
    );
    expect(
      sandbox.world.chain.recoverMessageSigner('from the second account', (signature as { ok: string }).ok),
    ).toBe(secondAddress);
  });

  it('tells the page when the user disconnects the site', async () => {
    const page = await openDapp();
    await connect(page);
    await page.evaluate(() => {
      const w = window as unknown as { events: unknown[] };
      w.events = [];
      window.tron.on('disconnect', (error: { code: number }) => w.events.push(['disconnect', error.code]));
      window.tron.on('accountsChanged', (accounts: unknown) => w.events.push(['accountsChanged', accounts]));
    });
    const state = await page.evaluate(() => window.__tronlinkEmulator.configure({ connected: false }));
    expect(state).toMatchObject({ connected: false, exposedAddress: false });
    expect(await page.evaluate(() => (window as unknown as { events: unknown[] }).events)).toEqual([
      ['disconnect', 4900],
      ['accountsChanged', []],
    ]);
    expect(await page.evaluate(() => window.tron.tronWeb)).toBe(false);
  });

  it('forgets connected sites when the sandbox clears them, and rejects bad policy updates', async () => {
    const page = await openDapp();
    await connect(page);
    expect((await (await fetch(`${sandbox.origin}/tronlink/config`)).json()).connectedOrigins).toEqual([
      sandbox.origin,
    ]);
    await postConfig({ connectedOrigins: [] });
    const state = await page.evaluate(() => window.__tronlinkEmulator.refresh());
    expect(state).toMatchObject({ connected: false, exposedAddress: false });
    expect((await postConfig({ mode: 'sometimes' })).status).toBe(400);
    expect((await postConfig({ delayMs: -1 })).status).toBe(400);
  });
});
