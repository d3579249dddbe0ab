import { describe, expect, it } from 'vitest';
import { installRelay, installRelayOnce } from '@/lib/tronlink/relay';
import { BRIDGE_MESSAGE_SOURCE, RELAY_GLOBAL } from '@/lib/tronlink/protocol';

/** A window that dispatches `message` events the way a page's postMessage does, with a chosen source. */
function fakeWindow() {
  const target = new EventTarget() as EventTarget & { post(data: unknown, source?: unknown): void };
  target.post = (data, source = target) => {
    const event = new Event('message') as Event & { data: unknown; source: unknown };
    Object.assign(event, { data, source });
    target.dispatchEvent(event);
  };
  return target;
}

const message = (phase: 'started' | 'done', report?: unknown, nonce = 'nonce-0123456789') => ({
  source: BRIDGE_MESSAGE_SOURCE,
  nonce,
  op: 'pay',
  phase,
  report,
});

const noSleep = () => Promise.resolve();
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the relay', () => {
  it('forwards a finished report and keeps it for a restarted worker to read', async () => {
    const page = fakeWindow();
    const forwarded: unknown[] = [];
    const relay = installRelay({
      window: page,
      forward: async (r) => void forwarded.push(r),
      sleep: noSleep,
    });
    page.post(message('started'));
    expect(relay.peek('nonce-0123456789')).toEqual({ op: 'pay', phase: 'started', report: undefined });
    expect(forwarded).toEqual([]);
    page.post(message('done', { kind: 'absent' }));
    await flush();
    expect(forwarded).toEqual([{ nonce: 'nonce-0123456789', op: 'pay', report: { kind: 'absent' } }]);
    expect(relay.peek('nonce-0123456789')).toMatchObject({ phase: 'done', report: { kind: 'absent' } });
    expect(relay.peek('another-nonce-000')).toBeNull();
  });

  it('keeps trying while the worker is starting', async () => {
    const page = fakeWindow();
    let attempts = 0;
    installRelay({
      window: page,
      forward: async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      sleep: noSleep,
    });
    page.post(message('done', { kind: 'absent' }));
    await expect.poll(() => attempts).toBe(3);
  });

  it('ignores messages from other windows, other senders and finished requests', async () => {
    const page = fakeWindow();
    const forwarded: unknown[] = [];
    const relay = installRelay({
      window: page,
      forward: async (r) => void forwarded.push(r),
      sleep: noSleep,
    });
    page.post(message('done', { kind: 'absent' }), {});
    page.post({ ...message('done'), source: 'someone-else' });
    page.post({ ...message('done'), nonce: 'short' });
    await flush();
    expect(forwarded).toEqual([]);
    page.post(message('done', { kind: 'absent' }));
    page.post(message('started'));
    await flush();
    expect(relay.peek('nonce-0123456789')).toMatchObject({ phase: 'done' });
    expect(forwarded).toHaveLength(1);
  });

  it('installs once per tab however often the script is injected', () => {
    const global: Record<string, unknown> = {};
    const page = fakeWindow();
    const first = installRelayOnce(global, { window: page, forward: async () => undefined });
    const second = installRelayOnce(global, { window: page, forward: async () => undefined });
    expect(second).toBe(first);
    expect(global[RELAY_GLOBAL]).toBe(first);
  });
});
