/** Which address a right-click "Check this address" is about (selection, link, TronScan page). */
import { describe, expect, it } from 'vitest';
import { addressFromMenuClick } from '@/lib/aml/context-address';
import { isTronAddress } from '@/lib/tron/address';

const A = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const B = 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp';
/** A with its last character changed: the checksum no longer matches. */
const A_TYPO = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u';

describe('addressFromMenuClick', () => {
  it('uses fixture addresses that are what they claim to be', () => {
    expect(isTronAddress(A)).toBe(true);
    expect(isTronAddress(B)).toBe(true);
    expect(isTronAddress(A_TYPO)).toBe(false);
  });

  it('finds the address in a selection, with whatever text surrounds it', () => {
    expect(addressFromMenuClick({ selectionText: `  ${A}\n` })).toEqual({
      ok: true,
      address: A,
      from: 'selection',
    });
    expect(addressFromMenuClick({ selectionText: `Send to: ${A}.` })).toMatchObject({ ok: true, address: A });
    // The same address twice (a copy in a tooltip) is still one address.
    expect(addressFromMenuClick({ selectionText: `${A} (${A})` })).toMatchObject({ ok: true, address: A });
  });

  it('refuses a selection whose checksum does not match, saying so', () => {
    expect(addressFromMenuClick({ selectionText: A_TYPO })).toEqual({ ok: false, reason: 'invalid_address' });
  });

  it('refuses a shortened address and text with no address', () => {
    expect(addressFromMenuClick({ selectionText: 'TR7NHq…zgjLj6t' })).toEqual({
      ok: false,
      reason: 'shortened',
    });
    expect(addressFromMenuClick({ selectionText: 'TR7NHq...zgjLj6t' })).toEqual({
      ok: false,
      reason: 'shortened',
    });
    expect(addressFromMenuClick({ selectionText: 'hello world' })).toEqual({
      ok: false,
      reason: 'no_address',
    });
  });

  it('does not guess between two different addresses', () => {
    expect(addressFromMenuClick({ selectionText: `${A} → ${B}` })).toEqual({
      ok: false,
      reason: 'several_addresses',
    });
  });

  it('ignores an address glued into a longer token', () => {
    expect(addressFromMenuClick({ selectionText: `x${A}` })).toEqual({ ok: false, reason: 'no_address' });
  });

  it('reads a TronScan link: address, contract and token routes', () => {
    for (const route of ['address', 'contract', 'token20']) {
      expect(addressFromMenuClick({ linkUrl: `https://tronscan.org/#/${route}/${A}` })).toEqual({
        ok: true,
        address: A,
        from: 'link',
      });
    }
    expect(addressFromMenuClick({ linkUrl: `https://tronscan.org/#/contract/${A}/code` })).toMatchObject({
      ok: true,
      address: A,
    });
  });

  it('reads another explorer link with the address in its path or query', () => {
    expect(addressFromMenuClick({ linkUrl: `https://explorer.example/account/${A}?tab=tx` })).toMatchObject({
      ok: true,
      address: A,
    });
  });

  it("falls back to the link's text when the href names no address (TronScan's javascript:; links)", () => {
    expect(addressFromMenuClick({ linkUrl: 'javascript:;', linkTexts: [A] })).toEqual({
      ok: true,
      address: A,
      from: 'link',
    });
    expect(addressFromMenuClick({ linkUrl: 'javascript:;', linkText: `Contract ${A}` })).toMatchObject({
      ok: true,
      address: A,
    });
    // Several such links on the page with different addresses: no guess.
    expect(addressFromMenuClick({ linkUrl: 'javascript:;', linkTexts: [A, B] })).toEqual({
      ok: false,
      reason: 'several_addresses',
    });
    expect(addressFromMenuClick({ linkUrl: 'https://example.com/about', linkTexts: ['About us'] })).toEqual({
      ok: false,
      reason: 'no_address',
    });
  });

  it('refuses a link to a checksum-invalid address instead of reading its text', () => {
    expect(
      addressFromMenuClick({ linkUrl: `https://tronscan.org/#/address/${A_TYPO}`, linkTexts: [B] }),
    ).toEqual({
      ok: false,
      reason: 'invalid_address',
    });
  });

  it('prefers the selection over the link it sits in', () => {
    expect(
      addressFromMenuClick({ selectionText: B, linkUrl: `https://tronscan.org/#/address/${A}` }),
    ).toMatchObject({
      ok: true,
      address: B,
      from: 'selection',
    });
  });

  it('reads a TronScan address page, including its sub-routes', () => {
    expect(addressFromMenuClick({ pageUrl: `https://tronscan.org/#/address/${A}` })).toEqual({
      ok: true,
      address: A,
      from: 'page',
    });
    expect(addressFromMenuClick({ pageUrl: `https://tronscan.org/#/address/${A}/transfers` })).toMatchObject({
      ok: true,
      address: A,
    });
    expect(addressFromMenuClick({ pageUrl: `http://127.0.0.1:8787/tronscan/#/address/${A}` })).toMatchObject({
      ok: true,
      address: A,
    });
  });

  it('does not take an address that a page merely mentions in its query', () => {
    expect(addressFromMenuClick({ pageUrl: `https://tronscan.org/#/transfers?from=${A}` })).toEqual({
      ok: false,
      reason: 'no_address',
    });
    expect(addressFromMenuClick({ pageUrl: 'https://tronscan.org/#/' })).toEqual({
      ok: false,
      reason: 'no_address',
    });
  });
});
