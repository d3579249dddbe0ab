/** Who may reach the energy feature: only the relay (a content script) reports bridge results; only extension pages rent. */
import { describe, expect, it } from 'vitest';
import { dispatchMessage } from '@/lib/messaging';

const identity = { extensionId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id/' };
const popup = { id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' };
const relay = { id: 'ext-id', url: 'https://tronscan.org/#/', tab: { id: 7 } };
const stranger = { id: 'another-extension', url: 'https://evil.example/' };

const result = { nonce: 'nonce-0123456789', op: 'pay', report: { kind: 'absent' } };
const rent = {
  receiver: '',
  sizing: { kind: 'preset', preset: 'usdtTransfer' },
  priceSun: '4000000',
  payTo: 'TFqUiCu1JwLHHnBNeaaVKH7Csm4aA3YhZx',
  confirmUndocumentedPayTo: false,
};

describe('energy messages', () => {
  it('takes bridge results only from a content script, and not from pages or other extensions', async () => {
    const handler = async () => ({ accepted: true });
    await expect(dispatchMessage('bridge.result', result, relay, handler, identity)).resolves.toEqual({
      accepted: true,
    });
    await expect(dispatchMessage('bridge.result', result, popup, handler, identity)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(dispatchMessage('bridge.result', result, stranger, handler, identity)).rejects.toMatchObject(
      {
        code: 'forbidden',
      },
    );
  });

  it('never lets a content script start, connect, sign or cancel a rental', async () => {
    const handler = async () => undefined as never;
    for (const [type, data] of [
      ['energy.rent', rent],
      ['energy.connect', undefined],
      ['energy.signAgain', { id: 'job' }],
      ['energy.cancel', { id: 'job' }],
      ['energy.quote', { receiver: '', sizing: { kind: 'custom', energy: 65_000 } }],
    ] as const) {
      await expect(dispatchMessage(type, data as never, relay, handler, identity)).rejects.toMatchObject({
        code: 'forbidden',
      });
    }
  });

  it('refuses a rental whose confirmed price is not whole sun digits', async () => {
    await expect(
      dispatchMessage(
        'energy.rent',
        { ...rent, priceSun: '4.5' },
        popup,
        async () => undefined as never,
        identity,
      ),
    ).rejects.toMatchObject({ code: 'invalid_payload' });
  });
});
