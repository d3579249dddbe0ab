import { describe, expect, it } from 'vitest';
import { TronWeb } from 'tronweb';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { stringifyWithBigints } from '../core/json';
import { keypairFor } from './crypto';
import { decodeRawTransaction, encodeRawTransaction, transactionId } from './transaction';
import { rawFromJson, unsignedTransactionJson } from './transaction-json';

/**
 * The node's protobuf codec against TronWeb's own: every transaction TronWeb builds must decode to
 * the same contract and re-encode to the same bytes (and txID), or signatures would not verify.
 */

const owner = keypairFor('codec-owner');
const other = keypairFor('codec-other');
const tronWeb = new TronWeb({ fullHost: 'http://127.0.0.1:9', privateKey: owner.privateKey });
const blockHeader = {
  ref_block_bytes: '0a1b',
  ref_block_hash: '1122334455667788',
  expiration: 1_700_000_060_000,
  timestamp: 1_700_000_000_000,
};
const withHeader = { blockHeader } as never;

const built = async () => [
  await tronWeb.transactionBuilder.sendTrx(other.address, 1_234_567, owner.address, withHeader),
  (
    await tronWeb.transactionBuilder.triggerSmartContract(
      'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      'transfer(address,uint256)',
      { feeLimit: 100_000_000, txLocal: true, blockHeader } as never,
      [
        { type: 'address', value: other.address },
        { type: 'uint256', value: 5_000_000 },
      ],
      owner.address,
    )
  ).transaction,
  await tronWeb.transactionBuilder.delegateResource(
    6_500_000_000,
    other.address,
    'ENERGY',
    owner.address,
    true,
    1200,
    withHeader,
  ),
  await tronWeb.transactionBuilder.delegateResource(
    1_000_000,
    other.address,
    'BANDWIDTH',
    owner.address,
    false,
    undefined,
    withHeader,
  ),
  await tronWeb.transactionBuilder.undelegateResource(
    1_000_000,
    other.address,
    'ENERGY',
    owner.address,
    withHeader,
  ),
  await tronWeb.transactionBuilder.freezeBalanceV2(5_000_000, 'ENERGY', owner.address, withHeader),
  await tronWeb.transactionBuilder.unfreezeBalanceV2(5_000_000, 'BANDWIDTH', owner.address, withHeader),
  await tronWeb.transactionBuilder.withdrawExpireUnfreeze(owner.address, withHeader),
];

describe('transaction codec', () => {
  it('re-encodes every transaction TronWeb builds byte for byte, from its hex and from its JSON', async () => {
    for (const tx of await built()) {
      const fromHex = decodeRawTransaction(hexToBytes(tx.raw_data_hex));
      expect(bytesToHex(encodeRawTransaction(fromHex)), tx.raw_data.contract[0]?.type).toBe(tx.raw_data_hex);
      const fromJson = rawFromJson(tx.raw_data, false);
      expect(bytesToHex(encodeRawTransaction(fromJson)), tx.raw_data.contract[0]?.type).toBe(tx.raw_data_hex);
      expect(transactionId(hexToBytes(tx.raw_data_hex))).toBe(tx.txID);
    }
  });

  it('prints transactions TronWeb accepts for signing (its own integrity check passes)', async () => {
    for (const tx of await built()) {
      const raw = decodeRawTransaction(hexToBytes(tx.raw_data_hex));
      for (const visible of [false, true]) {
        // As the wire carries it: int64 values become JSON numbers.
        const json = JSON.parse(stringifyWithBigints(unsignedTransactionJson(raw, visible))) as unknown;
        const signed = (await tronWeb.trx.sign(json as never)) as { txID: string };
        expect(signed.txID).toBe(tx.txID);
      }
    }
  });

  it('keeps int64 amounts exact beyond 2^53', () => {
    const raw = decodeRawTransaction(hexToBytes(encodeHexWithAmount(2n ** 60n + 1n)));
    expect(raw.contract.type === 'TransferContract' && raw.contract.amount).toBe(2n ** 60n + 1n);
  });

  it('refuses bytes that are not a one-contract transaction', () => {
    expect(() => decodeRawTransaction(hexToBytes('0a0200'))).toThrow();
    expect(() => decodeRawTransaction(hexToBytes('ff'))).toThrow();
  });
});

function encodeHexWithAmount(amount: bigint): string {
  return bytesToHex(
    encodeRawTransaction({
      refBlockBytes: '0001',
      refBlockHash: '0102030405060708',
      expiration: 1_700_000_060_000,
      data: '',
      contract: {
        type: 'TransferContract',
        owner: TronWeb.address.toHex(owner.address).toLowerCase(),
        to: TronWeb.address.toHex(other.address).toLowerCase(),
        amount,
      },
      permissionId: 0,
      timestamp: 1_700_000_000_000,
      feeLimit: 0n,
    }),
  );
}
