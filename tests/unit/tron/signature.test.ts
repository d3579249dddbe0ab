import { describe, expect, it } from 'vitest';
import { TronWeb, Trx, utils as tronWebUtils } from 'tronweb';
import { hashMessageV2, recoverMessageSignerV2, verifyMessageV2 } from '../../../lib/tron/signature';
import { seededRandom } from '../../fixtures/seeded-random';

// Hundreds of key recoveries per test (each a few ms, on our side and TronWeb's): generous timeouts
// for a busy shared machine.
const HEAVY = { timeout: 60_000 };

// TronWeb signs offline with a private key; no node is contacted at this address.
const tronWeb = new TronWeb({ fullHost: 'http://127.0.0.1:1' });
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const rng = seededRandom(0x519);
const randomInt = rng.int;
const randomHex = rng.hex;
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + '\n\t';
// Two-, three- and four-byte UTF-8 (the emoji are surrogate pairs in JS), so byte length != string length.
const UNICODE = ['é', 'ß', 'Ж', 'д', 'Ω', '中', '文', '€', '✓', '😀', '🚀', '𝔘', 'a', ' ', ':'];
const randomAscii = (length: number) => Array.from({ length }, () => ASCII[randomInt(ASCII.length)]).join('');
const randomUnicode = (length: number) =>
  Array.from({ length }, () => UNICODE[randomInt(UNICODE.length)]).join('');

/** What TronWeb says signed it: its address, or null where TronWeb throws. */
function tronWebSigner(message: string, signature: string): string | null {
  try {
    return Trx.verifyMessageV2(message, signature);
  } catch {
    return null;
  }
}

function randomPrivateKey(): string {
  for (;;) {
    const key = randomHex(32);
    const scalar = BigInt(`0x${key}`);
    if (scalar > 0n && scalar < CURVE_ORDER) return key;
  }
}

interface Signed {
  message: string;
  signature: string;
  signer: string;
}

// Each signature costs a TronWeb signing and a key derivation, and every test below recovers keys from
// all of them, so a few dozen: half ASCII, half multi-byte UTF-8, one in ten up to 2,000 characters,
// v = 27 and 28 about equally often.
const SIGNED_COUNT = 40;
const signed: Signed[] = Array.from({ length: SIGNED_COUNT }, (_, index) => {
  const privateKey = randomPrivateKey();
  const length = randomInt(index % 10 === 0 ? 2000 : 80);
  const message = index % 2 ? randomUnicode(length) : randomAscii(length);
  return {
    message,
    signature: tronWeb.trx.signMessageV2(message, privateKey),
    signer: TronWeb.address.fromPrivateKey(privateKey) as string,
  };
});

/** `signature` with byte `index` replaced. */
function withByte(signature: string, index: number, byte: number): string {
  const hex = signature.slice(2);
  return `0x${hex.slice(0, index * 2)}${byte.toString(16).padStart(2, '0')}${hex.slice(index * 2 + 2)}`;
}

const byteAt = (signature: string, index: number) =>
  parseInt(signature.slice(2 + index * 2, 4 + index * 2), 16);

describe('hashMessageV2', HEAVY, () => {
  it('matches TronWeb on 1,000 random ASCII and UTF-8 messages', () => {
    for (let i = 0; i < 1000; i++) {
      const message = i % 2 ? randomUnicode(randomInt(300)) : randomAscii(randomInt(300));
      const ours = `0x${Buffer.from(hashMessageV2(message)).toString('hex')}`;
      expect(ours, message).toBe(tronWebUtils.message.hashMessage(message));
    }
  });

  it('counts bytes, not UTF-16 units, in the prefix', () => {
    // "€" is 1 UTF-16 unit but 3 UTF-8 bytes; "😀" is 2 units and 4 bytes.
    for (const message of ['€', '😀', '', 'TRON', 'x'.repeat(10_000)]) {
      expect(`0x${Buffer.from(hashMessageV2(message)).toString('hex')}`).toBe(
        tronWebUtils.message.hashMessage(message),
      );
    }
  });

  it('refuses exactly the strings that are not well-formed UTF-16, over 2,000 random ones', () => {
    const units = ['a', 'é', '\ud83d', '\ude00', '\ud83d\ude00', '\udbff', '\udc00', '中'];
    for (let i = 0; i < 2000; i++) {
      const message = Array.from({ length: 1 + randomInt(6) }, () => units[randomInt(units.length)]).join('');
      if (message.isWellFormed()) expect(hashMessageV2(message)).toHaveLength(32);
      else expect(() => hashMessageV2(message), JSON.stringify(message)).toThrow(TypeError);
    }
  });

  it('refuses a lone surrogate, which has no UTF-8 form (TronWeb throws too)', () => {
    expect(() => hashMessageV2('abc\ud83d')).toThrow(TypeError);
    expect(() => tronWebUtils.message.hashMessage('abc\ud83d')).toThrow();
  });
});

describe('recoverMessageSignerV2', HEAVY, () => {
  it(`recovers the signer of ${SIGNED_COUNT} TronWeb signatures with random keys`, () => {
    for (const { message, signature, signer } of signed) {
      expect(signature).toMatch(/^0x[0-9a-f]{130}$/);
      expect(recoverMessageSignerV2(message, signature)).toBe(signer);
    }
  });

  it('recovers the payer of a TronNRG claim message', () => {
    const privateKey = randomPrivateKey();
    const payer = TronWeb.address.fromPrivateKey(privateKey) as string;
    const message = `${randomHex(32)}:${payer}`;
    const signature = tronWeb.trx.signMessageV2(message, privateKey);
    expect(recoverMessageSignerV2(message, signature)).toBe(payer);
    expect(verifyMessageV2(message, signature, payer)).toBe(true);
  });

  it('reads v as 0/1 as well as 27/28, without 0x, and in upper case', () => {
    for (const { message, signature, signer } of signed.slice(0, 20)) {
      const v = byteAt(signature, 64);
      expect([27, 28]).toContain(v);
      expect(recoverMessageSignerV2(message, withByte(signature, 64, v - 27))).toBe(signer);
      expect(recoverMessageSignerV2(message, signature.slice(2))).toBe(signer);
      expect(recoverMessageSignerV2(message, `0x${signature.slice(2).toUpperCase()}`)).toBe(signer);
    }
  });

  it('never names the signer for a changed message, and agrees with TronWeb on who it names', () => {
    for (const { message, signature, signer } of signed) {
      // Changed by whole code points: replacing half of an emoji would leave a lone surrogate.
      const codePoints = Array.from(message);
      const position = randomInt(codePoints.length + 1);
      codePoints[position] = codePoints[position] === 'x' ? 'y' : 'x';
      const tampered = codePoints.join('');
      const recovered = recoverMessageSignerV2(tampered, signature);
      expect(recovered).not.toBe(signer);
      expect(recovered).toBe(tronWebSigner(tampered, signature));
      expect(recoverMessageSignerV2(`${message} `, signature)).not.toBe(signer);
    }
  });

  it('names nobody for a message with a lone surrogate (TronWeb hashes some of them as invalid UTF-8)', () => {
    const { signature } = signed[0]!;
    for (const message of ['\ud83d', 'a\ude00b', '\ude00\ud83d']) {
      expect(recoverMessageSignerV2(message, signature)).toBeNull();
      expect(verifyMessageV2(message, signature, signed[0]!.signer)).toBe(false);
    }
  });

  it('agrees with TronWeb on signatures with each byte of r and s changed, twice, at random', () => {
    let nulls = 0;
    for (let i = 0; i < 2 * 64; i++) {
      const { message, signature, signer } = signed[i % SIGNED_COUNT]!;
      // Every byte of r and s (rather than a random sample of them), each time to a random other value.
      const index = i % 64;
      const byte = (byteAt(signature, index) ^ (1 + randomInt(255))) & 0xff;
      const tampered = withByte(signature, index, byte);
      const recovered = recoverMessageSignerV2(message, tampered);
      expect(recovered).not.toBe(signer);
      expect(recovered, tampered).toBe(tronWebSigner(message, tampered));
      if (recovered === null) nulls++;
    }
    // Changes to the top byte of s set its top bit about half the time; both sides refuse those.
    expect(nulls).toBeGreaterThan(0);
  });

  it('names another account when v is flipped, as TronWeb does', () => {
    for (const { message, signature, signer } of signed) {
      const flipped = withByte(signature, 64, byteAt(signature, 64) === 27 ? 28 : 27);
      const recovered = recoverMessageSignerV2(message, flipped);
      expect(recovered).not.toBe(signer);
      expect(recovered).toBe(tronWebSigner(message, flipped));
    }
  });

  it('refuses v values other than 0, 1, 27 and 28', () => {
    const { message, signature } = signed[0]!;
    for (const v of [2, 3, 26, 29, 30, 34, 255]) {
      expect(recoverMessageSignerV2(message, withByte(signature, 64, v))).toBeNull();
      if (v < 35) expect(tronWebSigner(message, withByte(signature, 64, v))).toBeNull();
    }
    // TronWeb reads 35+ as EIP-155 chain-id encodings; TronLink never produces them, so we refuse them.
    expect(recoverMessageSignerV2(message, withByte(signature, 64, 37))).toBeNull();
  });

  it('refuses the high-s twin of each signature, as TronWeb does', () => {
    // (r, n - s) with the other v is the same signature in high-s form. n - s almost always has its
    // top bit set, which TronWeb refuses as non-canonical; so do we.
    for (const { message, signature } of signed) {
      const s = BigInt(`0x${signature.slice(66, 130)}`);
      const twinS = (CURVE_ORDER - s).toString(16).padStart(64, '0');
      const twinV = byteAt(signature, 64) === 27 ? '1c' : '1b';
      const twin = `0x${signature.slice(2, 66)}${twinS}${twinV}`;
      expect(recoverMessageSignerV2(message, twin)).toBeNull();
      expect(tronWebSigner(message, twin)).toBeNull();
    }
  });

  it('agrees with TronWeb at the edge of the top-bit rule for s', () => {
    // Just under 2^255 is high-s yet top-bit clear: TronWeb reads it, so we read it the same way.
    // Such (r, s) pairs recover *some* key, so the answer is an address, the same on both sides.
    const { message, signature } = signed[4]!;
    const r = signature.slice(2, 66);
    for (const s of [2n ** 255n - 1n, 2n ** 255n - 12345n, CURVE_ORDER / 2n + 1n]) {
      for (const v of ['1b', '1c']) {
        const candidate = `0x${r}${s.toString(16).padStart(64, '0')}${v}`;
        const recovered = recoverMessageSignerV2(message, candidate);
        expect(recovered).not.toBeNull();
        expect(recovered).toBe(tronWebSigner(message, candidate));
      }
    }
    const topBitSet = `0x${r}${(2n ** 255n).toString(16)}1b`;
    expect(recoverMessageSignerV2(message, topBitSet)).toBeNull();
    expect(tronWebSigner(message, topBitSet)).toBeNull();
  });

  it('returns null for r or s of zero or past the curve order', () => {
    const { message, signature } = signed[1]!;
    const r = signature.slice(2, 66);
    const s = signature.slice(66, 130);
    const v = signature.slice(130);
    const n = CURVE_ORDER.toString(16);
    for (const candidate of [
      `0x${'00'.repeat(32)}${s}${v}`,
      `0x${r}${'00'.repeat(32)}${v}`,
      `0x${n}${s}${v}`,
      `0x${'ff'.repeat(32)}${s}${v}`,
    ]) {
      expect(recoverMessageSignerV2(message, candidate)).toBeNull();
      expect(tronWebSigner(message, candidate)).toBeNull();
    }
  });

  it('returns null for malformed signatures', () => {
    const { message, signature } = signed[2]!;
    for (const candidate of [
      '',
      '0x',
      signature.slice(0, -2),
      `${signature}00`,
      signature.slice(0, 66), // 64-byte compact form: TronWeb reads it, TronLink never sends it
      `${signature.slice(0, -1)}g`,
      ` ${signature}`,
      `0x0x${signature.slice(4)}`,
      undefined as unknown as string,
    ]) {
      expect(recoverMessageSignerV2(message, candidate)).toBeNull();
    }
    expect(recoverMessageSignerV2('abc\ud83d', signature)).toBeNull();
  });
});

describe('verifyMessageV2', HEAVY, () => {
  it('is true only for the signer, agreeing with TronWeb', () => {
    for (const [index, { message, signature, signer }] of signed.entries()) {
      const other = signed[(index + 1) % SIGNED_COUNT]!.signer;
      expect(verifyMessageV2(message, signature, signer)).toBe(true);
      expect(verifyMessageV2(message, signature, other)).toBe(false);
      expect(tronWebSigner(message, signature)).toBe(signer);
    }
  });

  it('is false for a changed message, a bad signature or an invalid address', () => {
    const { message, signature, signer } = signed[3]!;
    expect(verifyMessageV2(`${message}!`, signature, signer)).toBe(false);
    expect(verifyMessageV2(message, withByte(signature, 10, byteAt(signature, 10) ^ 1), signer)).toBe(false);
    expect(verifyMessageV2(message, 'nonsense', signer)).toBe(false);
    expect(verifyMessageV2(message, signature, '')).toBe(false);
    expect(verifyMessageV2(message, signature, signer.toLowerCase())).toBe(false);
    // Only the base58 form names an account here; a hex form is converted by the caller first.
    expect(verifyMessageV2(message, signature, TronWeb.address.toHex(signer))).toBe(false);
  });
});
