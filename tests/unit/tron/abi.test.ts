import { describe, expect, it } from 'vitest';
import { TronWeb, utils as tronWebUtils } from 'tronweb';
import {
  AbiError,
  BALANCE_OF_SELECTOR,
  IS_BLACKLISTED_SELECTOR,
  decodeBoolResult,
  decodeUint256Result,
  encodeAddressAmountParameters,
  encodeAddressParameter,
} from '../../../lib/tron/abi';
import { AddressError } from '../../../lib/tron/address';
import { seededRandom } from '../../fixtures/seeded-random';

const rng = seededRandom(0xab1);
const random = rng.next;
const randomHex = rng.hex;
const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const UINT256_MAX = 2n ** 256n - 1n;

/** TronWeb's encoding of one value, as the node's `parameter` takes it (no `0x`). */
const tronWebWord = (type: string, value: unknown) => tronWebUtils.abi.encodeParams([type], [value]).slice(2);

function abiErrorOf(run: () => unknown): AbiError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AbiError);
    return error as AbiError;
  }
  throw new Error('expected an AbiError');
}

describe('encodeAddressParameter', () => {
  it('matches TronWeb for USDT and 2,000 random addresses', () => {
    expect(encodeAddressParameter(USDT)).toBe(
      '000000000000000000000000a614f803b6fd780986a42c78ec9c7f77e6ded13c',
    );
    for (let i = 0; i < 2000; i++) {
      const address = TronWeb.address.fromHex(`41${randomHex(20)}`);
      const word = encodeAddressParameter(address);
      expect(word).toMatch(/^0{24}[0-9a-f]{40}$/);
      expect(word).toBe(tronWebWord('address', address));
    }
  });

  it('refuses anything that is not a base58 address, before a call goes out', () => {
    for (const bad of ['', 'T123', `${USDT.slice(0, -1)}u`, TronWeb.address.toHex(USDT)]) {
      expect(() => encodeAddressParameter(bad)).toThrow(AddressError);
    }
  });

  it('names the selectors the node expects as text', () => {
    expect(BALANCE_OF_SELECTOR).toBe('balanceOf(address)');
    expect(IS_BLACKLISTED_SELECTOR).toBe('isBlackListed(address)');
  });
});

describe('decodeUint256Result', () => {
  it('reads what TronWeb encodes, for edge values and 2,000 random balances', () => {
    const values = [0n, 1n, 1_000_000n, 2n ** 63n - 1n, 2n ** 64n, UINT256_MAX];
    for (let i = 0; i < 2000; i++) values.push(BigInt(`0x${randomHex(1 + Math.floor(random() * 32))}`));
    for (const value of values) {
      const word = tronWebWord('uint256', value);
      expect(decodeUint256Result(word)).toBe(value);
      expect(decodeUint256Result(`0x${word}`)).toBe(value);
      expect(decodeUint256Result(word.toUpperCase())).toBe(value);
    }
  });

  it('agrees with TronWeb decoding random words', () => {
    for (let i = 0; i < 1000; i++) {
      const word = randomHex(32);
      const [expected] = tronWebUtils.abi.decodeParams([], ['uint256'], `0x${word}`) as unknown as [bigint];
      expect(decodeUint256Result(word)).toBe(BigInt(expected));
    }
  });

  it('reports an empty result separately from a malformed one', () => {
    expect(abiErrorOf(() => decodeUint256Result('')).code).toBe('empty_result');
    expect(abiErrorOf(() => decodeUint256Result('0x')).code).toBe('empty_result');
    const malformed = [
      '00'.repeat(31),
      '00'.repeat(33),
      '00'.repeat(64), // two words
      `${'0'.repeat(63)}g`,
      // Revert data: Error(string) selector + offset + length + text.
      `08c379a0${'0'.repeat(62)}20${'0'.repeat(62)}04${'41'.repeat(4)}${'0'.repeat(56)}`,
      ` ${'0'.repeat(64)}`,
    ];
    for (const result of malformed) {
      const error = abiErrorOf(() => decodeUint256Result(result));
      expect(error.code).toBe('malformed_result');
      expect(error.message).toMatch(/one 32-byte result word/);
    }
  });
});

describe('decodeBoolResult', () => {
  it('reads what TronWeb encodes', () => {
    expect(decodeBoolResult(tronWebWord('bool', true))).toBe(true);
    expect(decodeBoolResult(tronWebWord('bool', false))).toBe(false);
    expect(decodeBoolResult(`0x${tronWebWord('bool', true)}`)).toBe(true);
  });

  it('refuses a word other than 0 or 1 (TronWeb would read it as true; a real bool never is)', () => {
    const two = `${'0'.repeat(63)}2`;
    expect(tronWebUtils.abi.decodeParams([], ['bool'], `0x${two}`)).toEqual([true]);
    expect(abiErrorOf(() => decodeBoolResult(two)).code).toBe('malformed_result');
    expect(abiErrorOf(() => decodeBoolResult('f'.repeat(64))).code).toBe('malformed_result');
    expect(abiErrorOf(() => decodeBoolResult('')).code).toBe('empty_result');
  });
});

describe('encodeAddressAmountParameters', () => {
  it("matches TronWeb's encoding of transfer(address,uint256) arguments", () => {
    for (const amount of [0n, 1n, 1_000_000n, UINT256_MAX]) {
      const expected = tronWebUtils.abi
        .encodeParams(['address', 'uint256'], [TronWeb.address.toHex(USDT).replace(/^41/, '0x'), amount])
        .slice(2);
      expect(encodeAddressAmountParameters(USDT, amount)).toBe(expected);
    }
  });

  it('refuses an amount outside uint256', () => {
    expect(() => encodeAddressAmountParameters(USDT, -1n)).toThrow(RangeError);
    expect(() => encodeAddressAmountParameters(USDT, UINT256_MAX + 1n)).toThrow(RangeError);
  });
});
