/**
 * The three objects TronLink injects into a page: `window.tron` (TIP-1193), the legacy
 * `window.tronLink` and `window.tronWeb`, wired to the wallet and the approval policy.
 */
import type { Boot, TronWebModule } from './boot';
import { LegacyAnswer, ProviderErrorCode, providerError } from './errors';
import { announceProvider, createEmitter, postTronLinkMessage } from './events';
import type { Policy } from './policy';
import { createWallet, type ExposedAddress } from './wallet';

/** Mainnet's chain id, used when the sandbox node cannot tell its own (TIP-1193 `chainId`). */
const MAINNET_CHAIN_ID = '0x2b6653dc';

interface RequestArguments {
  method: string;
  params?: unknown;
}

function isRequestArguments(value: unknown): value is RequestArguments {
  return (
    typeof value === 'object' && value !== null && typeof (value as RequestArguments).method === 'string'
  );
}

/** Installs window.tron, window.tronLink and window.tronWeb; returns how to sync and remove them. */
export function installTronLink(boot: Boot, policy: Policy, tronWebModule: TronWebModule) {
  const emitter = createEmitter();
  const wallet = createWallet(boot, policy, tronWebModule, announceAccount);
  const { tronWeb } = wallet;
  let connectPending = false;
  let chainId: Promise<string> | null = null;

  function announceAccount(address: ExposedAddress): void {
    emitter.emit('accountsChanged', address ? [address] : []);
    postTronLinkMessage('accountsChanged', { address });
    if (address) postTronLinkMessage('setAccount', { address });
  }

  /** The chain id TIP-1193 reports: `0x` + the last 8 hex characters of the genesis block id. */
  function currentChainId(): Promise<string> {
    chainId ??= fetch(`${boot.origin}/tron/wallet/getblockbynum`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ num: 0 }),
    })
      .then((response) => response.json() as Promise<{ blockID?: string }>)
      .then((block) =>
        block.blockID && /^[0-9a-f]{64}$/i.test(block.blockID)
          ? `0x${block.blockID.slice(-8)}`
          : MAINNET_CHAIN_ID,
      )
      .catch(() => MAINNET_CHAIN_ID);
    return chainId;
  }

  async function isLocked(): Promise<boolean> {
    await policy.refresh();
    await wallet.sync();
    return policy.effective().mode === 'locked';
  }

  /** TIP-1102 `eth_requestAccounts`: a connected site gets the account at once, others see a prompt. */
  async function requestAccounts(): Promise<string[]> {
    if (await isLocked())
      throw providerError(ProviderErrorCode.walletLocked, 'TronLink is locked. Unlock it and retry.');
    const address = wallet.exposedAddress();
    if (address) return [address];
    if (connectPending)
      throw providerError(ProviderErrorCode.requestPending, 'A connection request is already pending.');
    connectPending = true;
    try {
      const decision = await policy.decide();
      if (decision === 'locked')
        throw providerError(ProviderErrorCode.walletLocked, 'TronLink is locked. Unlock it and retry.');
      if (decision !== 'approved') {
        postTronLinkMessage('rejectWeb', {});
        throw providerError(ProviderErrorCode.userRejected, 'User rejected the request.');
      }
      policy.setConnected(true);
      await wallet.sync();
      postTronLinkMessage('acceptWeb', {});
      postTronLinkMessage('connect', {});
      const connected = wallet.exposedAddress();
      if (!connected) throw providerError(ProviderErrorCode.userRejected, 'User rejected the request.');
      return [connected];
    } finally {
      connectPending = false;
    }
  }

  /** The legacy `tron_requestAccounts`: resolves `{code, message}`, or '' while locked; never rejects. */
  async function legacyRequestAccounts(): Promise<{ code: number; message: string } | ''> {
    if (await isLocked()) return '';
    if (wallet.exposedAddress()) return LegacyAnswer.alreadyConnected;
    if (connectPending) return LegacyAnswer.pending;
    connectPending = true;
    try {
      const decision = await policy.decide();
      if (decision === 'locked') return '';
      if (decision !== 'approved') {
        postTronLinkMessage('rejectWeb', {});
        return LegacyAnswer.rejected;
      }
      policy.setConnected(true);
      await wallet.sync();
      postTronLinkMessage('acceptWeb', {});
      return LegacyAnswer.approved;
    } finally {
      connectPending = false;
    }
  }

  async function switchChain(params: unknown): Promise<null> {
    const requested = Array.isArray(params)
      ? (params[0] as { chainId?: unknown } | undefined)?.chainId
      : undefined;
    if (typeof requested !== 'string')
      throw providerError(ProviderErrorCode.invalidParams, 'Invalid params: chainId required.');
    if (requested !== (await currentChainId()))
      throw providerError(ProviderErrorCode.unknownChain, 'Unrecognized chain ID.');
    return null;
  }

  async function request(args: unknown): Promise<unknown> {
    if (!isRequestArguments(args))
      throw providerError(ProviderErrorCode.invalidParams, 'Invalid params: { method } expected.');
    switch (args.method) {
      case 'eth_requestAccounts':
        return requestAccounts();
      case 'tron_requestAccounts':
        return legacyRequestAccounts();
      case 'wallet_switchEthereumChain':
        return switchChain(args.params);
      default:
        throw providerError(ProviderErrorCode.unsupportedMethod, `Unsupported method: ${args.method}`);
    }
  }

  async function legacyRequest(args: unknown): Promise<unknown> {
    if (isRequestArguments(args) && args.method === 'tron_requestAccounts') return legacyRequestAccounts();
    return request(args);
  }

  const tron = {
    isTronLink: true,
    request,
    on(event: string, listener: (...args: unknown[]) => void) {
      emitter.on(event, listener);
      return tron;
    },
    removeListener(event: string, listener: (...args: unknown[]) => void) {
      emitter.removeListener(event, listener);
      return tron;
    },
    /** TronLink hands `tron.tronWeb` only to connected sites. */
    get tronWeb() {
      return wallet.exposedAddress() ? tronWeb : false;
    },
  };
  const tronLink = {
    get ready() {
      return Boolean(wallet.exposedAddress());
    },
    request: legacyRequest,
    tronWeb,
  };
  tronWeb.request = legacyRequest;

  const globals = { tron, tronLink, tronWeb } as const;
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(window, name, { value, configurable: true, writable: true, enumerable: true });
  }
  const stopAnnouncing = announceProvider(tron);

  // What TronLink says when it finds a page: the node in use, then the account if the site is connected.
  void wallet.sync().then(async () => {
    const id = await currentChainId();
    emitter.emit('connect', { chainId: id });
    const node = {
      fullNode: `${boot.origin}/tron`,
      solidityNode: `${boot.origin}/tron`,
      eventServer: `${boot.origin}/tron`,
      chain: '_',
      chainId: id,
    };
    postTronLinkMessage('tabReply', {
      data: { node, address: wallet.exposedAddress(), isAuth: Boolean(wallet.exposedAddress()) },
    });
  });

  return {
    sync: wallet.sync,
    selectedAccount: wallet.selectedAccount,
    exposedAddress: wallet.exposedAddress,
    /** Disconnects the site: what a page sees when the user removes it from TronLink's connected sites. */
    emitDisconnect() {
      emitter.emit('disconnect', providerError(4900, 'Disconnected'));
      postTronLinkMessage('disconnectWeb', {});
    },
    remove() {
      stopAnnouncing();
      for (const name of Object.keys(globals)) delete (window as unknown as Record<string, unknown>)[name];
    },
  };
}

export type InstalledTronLink = ReturnType<typeof installTronLink>;
