import { describe, expect, it } from 'vitest';
import {
  dispatchMessage,
  MessageRefused,
  registerHandlers,
  senderRole,
  type Handlers,
} from '@/lib/messaging';

const identity = { extensionId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id/' };
const popup = { id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' };
const optionsTab = { id: 'ext-id', url: 'chrome-extension://ext-id/options.html', tab: { id: 4 } };
const contentScript = { id: 'ext-id', url: 'https://tronscan.org/#/address/T', tab: { id: 7 } };
const otherExtension = { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' };

describe('sender roles', () => {
  it('tells extension pages, content scripts and strangers apart', () => {
    expect(senderRole(popup, identity.extensionId, identity.extensionOrigin)).toBe('extension');
    expect(senderRole(optionsTab, identity.extensionId, identity.extensionOrigin)).toBe('extension');
    expect(senderRole(contentScript, identity.extensionId, identity.extensionOrigin)).toBe('content');
    expect(senderRole(otherExtension, identity.extensionId, identity.extensionOrigin)).toBe('foreign');
    expect(senderRole({ id: 'ext-id' }, identity.extensionId, identity.extensionOrigin)).toBe('foreign');
  });
});

describe('the router', () => {
  const settingsHandler = async () => ({ changed: true }) as never;

  it('refuses a privileged call from a content script before the handler runs', async () => {
    let ran = false;
    const attempt = dispatchMessage(
      'settings.update',
      { badges: { enabled: false } },
      contentScript,
      async () => {
        ran = true;
        return settingsHandler();
      },
      identity,
    );
    await expect(attempt).rejects.toBeInstanceOf(MessageRefused);
    await expect(attempt).rejects.toMatchObject({ code: 'forbidden' });
    expect(ran).toBe(false);
  });

  it('refuses every call from another extension', async () => {
    await expect(
      dispatchMessage(
        'app.ping',
        undefined,
        otherExtension,
        () => ({ version: '1', role: 'foreign' }),
        identity,
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lets a content script call the methods meant for it', async () => {
    const reply = await dispatchMessage(
      'app.ping',
      undefined,
      contentScript,
      (_data, { role }) => ({ version: '1.0.0', role }),
      identity,
    );
    expect(reply).toEqual({ version: '1.0.0', role: 'content' });
  });

  it('rejects a payload that does not match the schema, even from the popup', async () => {
    await expect(
      dispatchMessage('settings.update', { badges: { enabled: 'yes' } }, popup, settingsHandler, identity),
    ).rejects.toMatchObject({ code: 'invalid_payload' });
    await expect(
      dispatchMessage('settings.update', { tokens: 'steal' }, popup, settingsHandler, identity),
    ).rejects.toMatchObject({ code: 'invalid_payload' });
  });

  it('passes the validated payload and sender context to the handler', async () => {
    const seen: unknown[] = [];
    await dispatchMessage(
      'jobs.dismiss',
      { id: 'job-1' },
      optionsTab,
      (data, context) => {
        seen.push(data, context.role, context.tabId);
      },
      identity,
    );
    expect(seen).toEqual([{ id: 'job-1' }, 'extension', 4]);
  });

  it('wires each handler behind the role check when registered', async () => {
    const listeners = new Map<string, (message: { data: unknown; sender: object }) => unknown>();
    const listen = ((type: string, fn: (message: { data: unknown; sender: object }) => unknown) => {
      listeners.set(type, fn);
      return () => undefined;
    }) as never;
    const handlers: Handlers = { 'view.get': async () => ({ secret: false }) as never };
    registerHandlers(handlers, identity, listen);
    const viewGet = listeners.get('view.get')!;
    await expect(viewGet({ data: undefined, sender: contentScript })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(viewGet({ data: undefined, sender: popup })).resolves.toEqual({ secret: false });
  });
});
