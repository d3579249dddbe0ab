import { describe, expect, it } from 'vitest';
import { TronWeb, utils as tronWebUtils } from 'tronweb';
import {
  AddressError,
  addressFromBody,
  findAddressCandidates,
  fromHexAddress,
  isTronAddress,
  toHexAddress,
} from '../../../lib/tron/address';
import { seededRandom } from '../../fixtures/seeded-random';

// Thousands of oracle comparisons per test: generous timeouts for a busy shared machine.
const HEAVY = { timeout: 60_000 };

// TronWeb is the oracle. Inputs come from a seeded generator so a failure reproduces exactly.
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

const rng = seededRandom(0x7a11);
const randomInt = rng.int;
const pick = (chars: string) => chars[randomInt(chars.length)]!;
const randomHex = rng.hex;
const randomString = (length: number, chars = BASE58) => Array.from({ length }, () => pick(chars)).join('');
const oracleAddressFromHex = (hex41: string) => TronWeb.address.fromHex(hex41);

function base58check(payload: Uint8Array): string {
  // Built through TronWeb's own encoder so the fixtures do not depend on the code under test.
  return tronWebUtils.crypto.getBase58CheckAddress(Array.from(payload));
}

/** Runs `isTronAddress` and TronWeb.isAddress over inputs and returns the ones they disagree on. */
function disagreements(inputs: string[]): string[] {
  return inputs.filter((input) => isTronAddress(input) !== TronWeb.isAddress(input));
}

const RANDOM_ADDRESS_COUNT = 5000;
const randomAddresses = Array.from({ length: RANDOM_ADDRESS_COUNT }, () =>
  oracleAddressFromHex(`41${randomHex(20)}`),
);

describe('isTronAddress', HEAVY, () => {
  it(`accepts ${RANDOM_ADDRESS_COUNT} random addresses that TronWeb produced`, () => {
    expect(randomAddresses.filter((address) => !isTronAddress(address))).toEqual([]);
    expect(randomAddresses.every((address) => TronWeb.isAddress(address))).toBe(true);
  });

  it('accepts the edge bodies: all zero and all 0xff', () => {
    for (const body of ['00'.repeat(20), 'ff'.repeat(20)]) {
      const address = oracleAddressFromHex(`41${body}`);
      expect(isTronAddress(address)).toBe(true);
      expect(toHexAddress(address)).toBe(`41${body}`);
    }
  });

  it('agrees with TronWeb on every single-character change of 300 addresses', () => {
    // Each position gets 4 random base58 replacements plus one character that is not base58
    // (the four excluded ASCII lookalikes, a space, or a Cyrillic/fullwidth lookalike).
    const notBase58 = ['0', 'O', 'I', 'l', ' ', '\u0422', '\u043e', '\uff34', '\u00a0'];
    const mutations: string[] = [];
    for (const address of randomAddresses.slice(0, 300)) {
      for (let position = 0; position < address.length; position++) {
        const replacements = [
          pick(BASE58),
          pick(BASE58),
          pick(BASE58),
          pick(BASE58),
          notBase58[randomInt(9)]!,
        ];
        for (const replacement of replacements) {
          if (replacement === address[position]) continue;
          mutations.push(address.slice(0, position) + replacement + address.slice(position + 1));
        }
      }
    }
    expect(mutations.length).toBeGreaterThan(50_000);
    expect(disagreements(mutations)).toEqual([]);
    // A single changed character always breaks the checksum of a base58check string of this size.
    expect(mutations.filter(isTronAddress)).toEqual([]);
  });

  it('agrees with TronWeb on 20,000 random base58 strings of address shape and of other lengths', () => {
    const shaped = Array.from({ length: 10_000 }, () => `T${randomString(33)}`);
    const anyLength = Array.from({ length: 10_000 }, () => randomString(1 + randomInt(60)));
    // 42-char inputs take TronWeb's hex branch; they are compared in their own test below.
    const comparable = anyLength.filter((input) => input.length !== 42);
    expect(disagreements([...shaped, ...comparable])).toEqual([]);
  });

  it('rejects an address with one character dropped or added, like TronWeb', () => {
    const wrongLengths = randomAddresses.slice(0, 200).flatMap((address) => {
      const position = randomInt(address.length);
      return [
        address.slice(0, position) + address.slice(position + 1),
        address.slice(0, position) + pick(BASE58) + address.slice(position),
        address + pick(BASE58),
        address.slice(0, -1),
      ];
    });
    expect(wrongLengths.filter(isTronAddress)).toEqual([]);
    expect(disagreements(wrongLengths)).toEqual([]);
  });

  it('rejects base58check strings with a valid checksum but another version byte', () => {
    const versions = [0x00, 0x05, 0x40, 0x42, 0x43, 0xa0, 0xff];
    const inputs = versions.flatMap((version) =>
      Array.from({ length: 50 }, () => {
        const payload = new Uint8Array(21);
        payload[0] = version;
        payload.set(Uint8Array.from(Buffer.from(randomHex(20), 'hex')), 1);
        return base58check(payload);
      }),
    );
    expect(inputs.filter(isTronAddress)).toEqual([]);
    expect(disagreements(inputs.filter((input) => input.length !== 42))).toEqual([]);
    // 0x40 and 0x42 bodies still encode to 34 chars starting with T: only the version check rejects them.
    expect(inputs.some((input) => input.length === 34 && input.startsWith('T'))).toBe(true);
  });

  it('tolerates no whitespace and no lookalike characters', () => {
    const inputs = [
      ` ${USDT}`,
      `${USDT} `,
      `${USDT}\n`,
      `\t${USDT}`,
      USDT.replace('T', '\u0422'), // Cyrillic capital Te
      USDT.replace('T', '\uff34'), // fullwidth T
      USDT.replace('o', '\u043e'), // Cyrillic o
      USDT.toLowerCase(),
      USDT.toUpperCase(),
      `${USDT.slice(0, 10)}\u200b${USDT.slice(10)}`, // zero-width space
    ];
    expect(inputs.filter(isTronAddress)).toEqual([]);
    expect(disagreements(inputs)).toEqual([]);
  });

  it('rejects empty and non-string input', () => {
    expect(isTronAddress('')).toBe(false);
    expect(TronWeb.isAddress('')).toBe(false);
    for (const value of [undefined, null, 42, {}, ['x']])
      expect(isTronAddress(value as unknown as string)).toBe(false);
  });

  it('rejects hex forms, which TronWeb also accepts (a deliberate difference: we only take base58)', () => {
    const hexForms = randomAddresses.slice(0, 100).map((address) => TronWeb.address.toHex(address));
    expect(hexForms.every((hexForm) => TronWeb.isAddress(hexForm))).toBe(true);
    expect(hexForms.filter(isTronAddress)).toEqual([]);
  });

  it('answers the same on repeated checks (the validity cache never changes an answer)', () => {
    const mixed = Array.from({ length: 6000 }, (_, index) =>
      index % 2 ? randomAddresses[index % RANDOM_ADDRESS_COUNT]! : `T${randomString(33)}`,
    );
    const first = mixed.map(isTronAddress);
    const second = mixed.map(isTronAddress);
    expect(second).toEqual(first);
    expect(first.filter(Boolean).length).toBe(3000);
  });
});

describe('toHexAddress / fromHexAddress', HEAVY, () => {
  it('match TronWeb on random addresses, both ways', () => {
    for (const address of randomAddresses.slice(0, 2000)) {
      const hexForm = toHexAddress(address);
      expect(hexForm).toBe(TronWeb.address.toHex(address));
      expect(hexForm).toMatch(/^41[0-9a-f]{40}$/);
      expect(fromHexAddress(hexForm)).toBe(address);
    }
  });

  it('accept upper case, 0x41 and the 0x-prefixed 20-byte body; all mean the same address', () => {
    const hexForm = toHexAddress(USDT);
    const body = hexForm.slice(2);
    expect(hexForm).toBe('41a614f803b6fd780986a42c78ec9c7f77e6ded13c');
    for (const form of [
      hexForm,
      hexForm.toUpperCase(),
      `0x${hexForm}`,
      `0x${body}`,
      `0X${body.toUpperCase()}`,
    ]) {
      expect(fromHexAddress(form)).toBe(USDT);
    }
    // TronWeb reads `0x` + 40 hex as the body too.
    expect(TronWeb.address.fromHex(`0x${body}`)).toBe(USDT);
  });

  it('throw a readable AddressError on anything else', () => {
    const badHex = [
      '',
      '0x',
      USDT,
      `42${'ab'.repeat(20)}`,
      `41${'ab'.repeat(19)}`, // a 41-form missing a byte must not pass as a bare body
      'ab'.repeat(20), // the bare body is refused for the same reason: only `0x` marks a body
      `41${'ab'.repeat(20)}00`,
      `41${'zz'.repeat(20)}`,
      ` 41${'ab'.repeat(20)}`,
      `0x0x${'ab'.repeat(20)}`,
    ];
    for (const input of badHex) {
      expect(() => fromHexAddress(input)).toThrow(AddressError);
      try {
        fromHexAddress(input);
      } catch (error) {
        expect((error as AddressError).code).toBe('invalid_hex_address');
        expect((error as Error).message).toMatch(/is not a hex TRON address/);
      }
    }
    const badBase58 = ['', `${USDT} `, USDT.slice(1), `${USDT.slice(0, -1)}u`, TronWeb.address.toHex(USDT)];
    for (const input of badBase58) {
      expect(() => toHexAddress(input)).toThrow(/is not a TRON address/);
      try {
        toHexAddress(input);
      } catch (error) {
        expect(error).toBeInstanceOf(AddressError);
        expect((error as AddressError).code).toBe('invalid_base58_address');
      }
    }
  });

  it('keep error messages short when handed a whole page', () => {
    expect(() => toHexAddress('T'.repeat(100_000))).toThrow(/^"T{47}…" is not a TRON address/);
  });

  it('build addresses from 20-byte bodies like TronWeb', () => {
    for (const address of randomAddresses.slice(0, 200)) {
      const body = Uint8Array.from(Buffer.from(TronWeb.address.toHex(address).slice(2), 'hex'));
      expect(addressFromBody(body)).toBe(address);
    }
    expect(() => addressFromBody(new Uint8Array(21))).toThrow(RangeError);
  });
});

describe('findAddressCandidates', HEAVY, () => {
  const [a, b, c] = randomAddresses as [string, string, string];

  it('finds an address in prose', () => {
    expect(findAddressCandidates(`Send 5 USDT to ${a} before noon.`)).toEqual([a]);
    expect(findAddressCandidates(a)).toEqual([a]);
  });

  it('finds addresses next to punctuation and brackets', () => {
    const texts = [
      `(${a})`,
      `${a},`,
      `"${a}"`,
      `'${a}'`,
      `${a}.`,
      `<${a}>`,
      `[${a}]`,
      `${a}:`,
      `«${a}»`,
      `${a}…`,
    ];
    for (const text of texts) expect(findAddressCandidates(text)).toEqual([a]);
  });

  it('finds several per line, in order, duplicates kept', () => {
    expect(findAddressCandidates(`${a};${b} ${a}\t${c}\n${b}`)).toEqual([a, b, a, c, b]);
  });

  it('finds the address in tronscan hash routes', () => {
    expect(findAddressCandidates(`https://tronscan.org/#/address/${a}`)).toEqual([a]);
    expect(findAddressCandidates(`#/address/${a}/transfers`)).toEqual([a]);
    expect(findAddressCandidates(`#/contract/${USDT}/code`)).toEqual([USDT]);
    expect(findAddressCandidates(`#/token20/${USDT}`)).toEqual([USDT]);
    expect(findAddressCandidates(`https://tronscan.org/#/address/${a}?tab=transfers&to=${b}`)).toEqual([
      a,
      b,
    ]);
  });

  it('finds nothing in an address split by a space or cut short', () => {
    expect(findAddressCandidates(`${a.slice(0, 17)} ${a.slice(17)}`)).toEqual([]);
    expect(findAddressCandidates(`${a.slice(0, 29)}\u2026`)).toEqual([]);
    expect(findAddressCandidates(`${a.slice(0, 6)}...${a.slice(-6)}`)).toEqual([]);
  });

  it('finds nothing inside a longer run of base58 or of letters and digits', () => {
    const glued = [`x${a}`, `${a}x`, `${a}1`, `9${a}`, `${a}${b}`, `ab${a}cd`, `0${a}`, `${a}l`, `O${a}I`];
    for (const text of glued) expect(findAddressCandidates(`see ${text} here`)).toEqual([]);
  });

  it('finds nothing for a bad checksum or a lookalike character', () => {
    const broken = `${a.slice(0, 20)}${a[20] === 'z' ? 'y' : 'z'}${a.slice(21)}`;
    expect(findAddressCandidates(`to ${broken} now`)).toEqual([]);
    expect(findAddressCandidates(`to ${USDT.replace('T', '\u0422')} now`)).toEqual([]);
  });

  it('treats non-ASCII text and non-breaking spaces as separators', () => {
    expect(findAddressCandidates(`адрес:${a}получатель`)).toEqual([a]);
    expect(findAddressCandidates(`\u00a0${a}\u00a0${b}\u200b`)).toEqual([a, b]);
  });

  it('agrees with a TronWeb-based reference on 2,000 random texts', () => {
    // Reference: split on anything that is not an ASCII letter or digit, keep what TronWeb accepts
    // (TronWeb also accepts 42-hex tokens, which are never base58-shaped, so only 34-char tokens).
    const reference = (text: string) =>
      text.split(/[^0-9A-Za-z]+/).filter((token) => token.length === 34 && TronWeb.isAddress(token));
    const pieces = () => {
      const roll = randomInt(8);
      if (roll === 0) return randomAddresses[randomInt(RANDOM_ADDRESS_COUNT)]!;
      if (roll === 1) return `T${randomString(33)}`;
      if (roll === 2) return randomString(1 + randomInt(40));
      if (roll === 3) return randomString(1 + randomInt(4), ' ,.;:/#()"\n\t\u00a0—');
      if (roll === 4) return `#/address/${randomAddresses[randomInt(RANDOM_ADDRESS_COUNT)]}`;
      if (roll === 5) return randomString(1 + randomInt(3), '0OIl');
      return ' ';
    };
    let found = 0;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + randomInt(12) }, pieces).join('');
      const expected = reference(text);
      expect(findAddressCandidates(text), text).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(500);
  });

  it('scans the text of a 1,000-row transfers page quickly', () => {
    // Six text nodes per row as tronscan renders them: hash, block, age, from, to, amount.
    const nodes: string[] = [];
    for (let row = 0; row < 1000; row++) {
      nodes.push(randomHex(32), String(70_000_000 + row), `${row % 60} secs ago`);
      nodes.push(randomAddresses[row % 300]!, randomAddresses[(row * 7) % 300]!, `${row}.5 USDT`);
    }
    const started = performance.now();
    let total = 0;
    for (const node of nodes) total += findAddressCandidates(node).length;
    const elapsed = performance.now() - started;
    expect(total).toBe(2000);
    // Measured at a few ms; the bound only catches accidental quadratic work on a busy machine.
    expect(elapsed).toBeLessThan(500);
  });

  it('stays linear on pathological input', () => {
    const longRun = 'T'.repeat(1_000_000);
    const manyCandidates = `${'T'.repeat(34)} `.repeat(30_000);
    const started = performance.now();
    expect(findAddressCandidates(longRun)).toEqual([]);
    expect(findAddressCandidates(manyCandidates)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
