/**
 * The bridge itself: a function the background runs in a web page's MAIN world with
 * `scripting.executeScript({world: 'MAIN', func, args})`, because TronLink injects `window.tron`,
 * `window.tronLink` and `window.tronWeb` into pages only.
 *
 * `executeScript` serialises the function's source, so it must be self-contained: no imports, no
 * outer variables, nothing a bundler would hoist out of it. It reports the raw answer TronLink gave
 * (interpretation happens in the background, in `reports.ts`) twice: as its own resolved value, which
 * only a live worker receives, and as a window message for the relay, which survives a worker stop.
 */
import type { BridgeRequest } from './protocol';
import type { RawReport } from './reports';

/** Runs one TronLink request in the page and reports the raw outcome (self-contained: see above). */
export async function tronLinkMainWorld(request: BridgeRequest, messageSource: string): Promise<RawReport> {
  type Provider = 'tron' | 'tronLink' | 'tronWeb';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Loose = any;
  const page = window as Loose;
  const post = (phase: 'started' | 'done', report?: RawReport) =>
    window.postMessage({ source: messageSource, nonce: request.nonce, op: request.op, phase, report }, '*');

  const clip = (value: unknown, max = 300): string | undefined =>
    typeof value === 'string' ? value.slice(0, max) : undefined;

  /** TronLink rejects with Error-like objects ({code, message}), bare strings, or anything at all. */
  const errorReport = (stage: 'accounts' | 'pay' | 'sign' | 'input', error: unknown): RawReport => {
    if (typeof error === 'string') return { kind: 'error', stage, thrown: clip(error) };
    const e = (error ?? {}) as Loose;
    const code = typeof e.code === 'number' || typeof e.code === 'string' ? e.code : undefined;
    return {
      kind: 'error',
      stage,
      code: typeof code === 'string' ? clip(code, 80) : code,
      message: clip(e.message),
    };
  };

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const anyProvider = () => Boolean(page.tron || page.tronLink || page.tronWeb);

  /** TronLink's objects appear a moment after the page starts; wait a little before calling it absent. */
  const waitForProvider = async () => {
    const until = Date.now() + Math.max(0, request.waitForProviderMs);
    while (!anyProvider() && Date.now() < until) await sleep(100);
    return anyProvider();
  };

  type Wallet = { name: string; rdns: string | null; source: 'announced' | 'flags' | 'unknown' };
  type Announcement = { info: Loose; provider: Loose };

  /**
   * TIP-6963: wallets announce themselves with `TIP6963:announceProvider` events, answering a
   * `TIP6963:requestProvider` event. Several wallets overwrite each other's `window.tron`; the
   * announcements say which object belongs to which wallet.
   */
  const discoverWallets = async (): Promise<Announcement[]> => {
    const found: Announcement[] = [];
    if (typeof window.addEventListener !== 'function') return found;
    const hear = (event: Event) => {
      const detail = (event as CustomEvent).detail as Loose;
      if (detail && typeof detail === 'object' && detail.info && detail.provider) {
        if (!found.some((known) => known.provider === detail.provider))
          found.push({ info: detail.info, provider: detail.provider });
      }
    };
    window.addEventListener('TIP6963:announceProvider', hear);
    try {
      window.dispatchEvent(new Event('TIP6963:requestProvider'));
      // Wallets answer synchronously or on the next task.
      await sleep(50);
    } finally {
      window.removeEventListener('TIP6963:announceProvider', hear);
    }
    return found;
  };

  /** The flags wallets set on their injected objects, most specific first. */
  const FLAG_NAMES: [string, string][] = [
    ['isOkxWallet', 'OKX Wallet'],
    ['isOKExWallet', 'OKX Wallet'],
    ['isBitKeep', 'Bitget Wallet'],
    ['isBitgetWallet', 'Bitget Wallet'],
    ['isTokenPocket', 'TokenPocket'],
    ['isTrust', 'Trust Wallet'],
    ['isTrustWallet', 'Trust Wallet'],
    ['isKlever', 'Klever'],
    ['isTronLink', 'TronLink'],
  ];

  /** Names the wallet behind `provider`: its announcement, else its flags. */
  const walletOf = (provider: Loose, announced: Announcement[]): Wallet => {
    const match = announced.find((known) => known.provider === provider);
    if (match && typeof match.info.name === 'string' && match.info.name) {
      return {
        name: match.info.name.slice(0, 60),
        rdns: typeof match.info.rdns === 'string' ? match.info.rdns.slice(0, 100) : null,
        source: 'announced',
      };
    }
    for (const [flag, name] of FLAG_NAMES) {
      if (provider && provider[flag] === true) return { name, rdns: null, source: 'flags' };
    }
    return { name: 'unknown', rdns: null, source: 'unknown' };
  };

  const addressOf = (tronWeb: Loose): string | undefined => {
    const base58 = tronWeb && tronWeb.defaultAddress && tronWeb.defaultAddress.base58;
    return typeof base58 === 'string' && base58 ? base58 : undefined;
  };

  /** Asks for the account (no prompt once the site is connected); TIP-1193 first, then the legacy objects. */
  const connect = async (): Promise<
    RawReport | { via: Provider; account: string; tronWeb: Loose; wallet: Wallet }
  > => {
    const announced = await discoverWallets();
    // TronLink's own announcement names its provider even when another wallet took `window.tron`.
    const tronLink = announced.find(
      (known) => known.info.rdns === 'com.tronlink.wallet' && typeof known.provider.request === 'function',
    );
    const tip1193 =
      tronLink?.provider ?? (page.tron && typeof page.tron.request === 'function' ? page.tron : null);
    if (tip1193) {
      let accounts: unknown;
      try {
        accounts = await tip1193.request({ method: 'eth_requestAccounts' });
      } catch (error) {
        return errorReport('accounts', error);
      }
      const tronWeb = tip1193.tronWeb || page.tronWeb;
      const first = Array.isArray(accounts) && typeof accounts[0] === 'string' ? accounts[0] : undefined;
      const account = first || addressOf(tronWeb);
      if (!account || !tronWeb) return { kind: 'locked', via: 'tron' };
      return { via: 'tron', account, tronWeb, wallet: walletOf(tip1193, announced) };
    }
    if (page.tronLink && typeof page.tronLink.request === 'function') {
      let answer: Loose;
      try {
        answer = await page.tronLink.request({ method: 'tron_requestAccounts' });
      } catch (error) {
        return errorReport('accounts', error);
      }
      // The legacy API resolves an empty value while TronLink is locked.
      if (!answer) return { kind: 'locked', via: 'tronLink' };
      if (answer.code !== 200) {
        return {
          kind: 'error',
          stage: 'accounts',
          legacyCode: typeof answer.code === 'number' ? answer.code : undefined,
          message: clip(answer.message),
        };
      }
      const tronWeb = page.tronLink.tronWeb || page.tronWeb;
      const account = addressOf(tronWeb);
      if (!account) return { kind: 'locked', via: 'tronLink' };
      return { via: 'tronLink', account, tronWeb, wallet: walletOf(page.tronLink, announced) };
    }
    if (page.tronWeb) {
      const account = addressOf(page.tronWeb);
      if (!account) return { kind: 'locked', via: 'tronWeb' };
      return { via: 'tronWeb', account, tronWeb: page.tronWeb, wallet: walletOf(page.tronWeb, announced) };
    }
    return { kind: 'absent' };
  };

  const pay = async (via: Provider, account: string, tronWeb: Loose, wallet: Wallet): Promise<RawReport> => {
    // TronWeb takes the amount as a JS number; a rental is at most 1,000 TRX = 1e9 sun, far inside 2^53.
    const amount = Number(request.amountSun);
    if (
      !/^\d+$/.test(request.amountSun ?? '') ||
      !Number.isSafeInteger(amount) ||
      amount <= 0 ||
      !request.payTo
    ) {
      return { kind: 'error', stage: 'input', message: 'invalid payment request' };
    }
    let result: Loose;
    try {
      if (typeof request.memo === 'string' && request.memo) {
        // A memo travels as the transfer's data: build, add it, sign (TronLink asks), broadcast.
        const built = await tronWeb.transactionBuilder.sendTrx(request.payTo, amount, account);
        const withMemo = await tronWeb.transactionBuilder.addUpdateData(built, request.memo, 'utf8');
        const signed = await tronWeb.trx.sign(withMemo);
        result = await tronWeb.trx.sendRawTransaction(signed);
      } else {
        result = await tronWeb.trx.sendTransaction(request.payTo, amount);
      }
    } catch (error) {
      return errorReport('pay', error);
    }
    const txid = clip(
      (result && (result.txid || (result.transaction && result.transaction.txID))) || undefined,
      80,
    );
    if (!result || result.result !== true || !txid) {
      return {
        kind: 'error',
        stage: 'pay',
        code: clip(result && result.code, 80),
        message: clip(result && result.message),
        txid,
      };
    }
    return { kind: 'paid', via, account, txid, wallet };
  };

  const sign = async (via: Provider, account: string, tronWeb: Loose, wallet: Wallet): Promise<RawReport> => {
    if (typeof request.message !== 'string') return { kind: 'error', stage: 'input', message: 'no message' };
    try {
      const signature = await tronWeb.trx.signMessageV2(request.message);
      if (typeof signature !== 'string') return { kind: 'error', stage: 'sign', message: 'no signature' };
      return { kind: 'signed', via, account, signature: signature.slice(0, 200), wallet };
    } catch (error) {
      return errorReport('sign', error);
    }
  };

  const run = async (): Promise<RawReport> => {
    if (!(await waitForProvider())) return { kind: 'absent' };
    const connected = await connect();
    if ('kind' in connected) return connected;
    if (request.op === 'connect')
      return { kind: 'connected', via: connected.via, account: connected.account, wallet: connected.wallet };
    // Paying or signing as another account than the job's payer would break the claim: stop here.
    if (request.expectedAccount && connected.account !== request.expectedAccount) {
      return { kind: 'wrong_account', account: connected.account };
    }
    return request.op === 'pay'
      ? pay(connected.via, connected.account, connected.tronWeb, connected.wallet)
      : sign(connected.via, connected.account, connected.tronWeb, connected.wallet);
  };

  post('started');
  let report: RawReport;
  try {
    report = await run();
  } catch (error) {
    report = errorReport('input', error);
  }
  post('done', report);
  return report;
}
