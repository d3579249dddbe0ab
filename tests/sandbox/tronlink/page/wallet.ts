/**
 * The wallet behind the emulator: a real TronWeb pointed at the sandbox node, whose signing methods
 * go through the approval policy and then sign with a key that lives only in this closure (never a
 * property a page could read, unlike `new TronWeb({privateKey})` which stores `defaultPrivateKey`).
 */
import type { AccountKey, Boot, TronWebModule } from './boot';
import { DECLINED_BY_USER } from './errors';
import type { Policy } from './policy';

/** The address the page may see: only for a connected site with an unlocked wallet. */
export type ExposedAddress = string | false;

export function createWallet(
  boot: Boot,
  policy: Policy,
  tronWebModule: TronWebModule,
  onExposedAddressChange: (address: ExposedAddress) => void,
) {
  const { TronWeb, Trx } = tronWebModule;
  const keys = new Map<string, AccountKey>(Object.entries(boot.accounts));
  const tronWeb = new TronWeb({ fullHost: `${boot.origin}/tron` });
  let selected: { name: string; key: AccountKey } | null = null;
  let exposed: ExposedAddress = false;

  async function keyFor(name: string): Promise<AccountKey | null> {
    if (!keys.has(name)) {
      try {
        const response = await fetch(`${boot.origin}/tronlink/account/${encodeURIComponent(name)}`);
        if (response.ok) keys.set(name, (await response.json()) as AccountKey);
      } catch {
        return null;
      }
    }
    return keys.get(name) ?? null;
  }

  /** Brings the selected account and `tronWeb.defaultAddress` in line with the policy; reports changes. */
  async function sync(): Promise<void> {
    const { account, mode } = policy.effective();
    if (selected?.name !== account) {
      const key = await keyFor(account);
      if (key) selected = { name: account, key };
    }
    const next: ExposedAddress =
      selected && mode !== 'locked' && policy.isConnected() ? selected.key.address : false;
    if (next) tronWeb.setAddress(next);
    else tronWeb.defaultAddress = { hex: false, base58: false };
    tronWeb.ready = Boolean(next);
    if (next !== exposed) {
      exposed = next;
      onExposedAddressChange(next);
    }
  }

  /** Runs `sign` with the selected key once the "popup" approves; otherwise rejects like TronLink. */
  async function approved<T>(sign: (privateKey: string) => T | Promise<T>): Promise<T> {
    const decision = await policy.decide();
    await sync();
    if (decision !== 'approved' || !selected) throw DECLINED_BY_USER;
    return sign(selected.key.privateKey);
  }

  // TronLink replaces the signing methods of the TronWeb it injects; every alias TronWeb set up in
  // its constructor must be replaced too, and sendTransaction & co. reach `this.sign`, i.e. these.
  const trx = tronWeb.trx;
  const sign = (transaction: unknown, _privateKey?: unknown, useTronHeader = true, multisig = false) =>
    approved((privateKey) => Trx.prototype.sign.call(trx, transaction, privateKey, useTronHeader, multisig));
  trx.sign = sign;
  trx.signMessage = sign;
  trx.signTransaction = sign;
  trx.multiSign = (transaction: unknown, _privateKey?: unknown, permissionId = 0) =>
    approved((privateKey) => Trx.prototype.multiSign.call(trx, transaction, privateKey, permissionId));
  trx.signMessageV2 = (message: unknown) => approved((privateKey) => Trx.signMessageV2(message, privateKey));
  const signTypedData = (domain: unknown, types: unknown, value: unknown) =>
    approved((privateKey) => Trx.signTypedData(domain, types, value, privateKey));
  trx.signTypedData = signTypedData;
  trx._signTypedData = signTypedData;

  return {
    tronWeb,
    sync,
    exposedAddress: (): ExposedAddress => exposed,
    selectedAccount: () => (selected ? { name: selected.name, address: selected.key.address } : null),
  };
}

export type Wallet = ReturnType<typeof createWallet>;
