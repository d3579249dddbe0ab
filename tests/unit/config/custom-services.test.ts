/** The custom network profile: which addresses are accepted, what the background stores and when it refuses. */
import { beforeEach, describe, expect, it } from 'vitest';
import { shippedMessages } from '../shipped-messages';
import { fakeBrowser } from 'wxt/testing';
import { CUSTOM_SERVICES, checkServiceUrl, permissionFor } from '@/lib/config/custom-services';
import { resolveEndpoints, TRONNRG_DOCUMENTED_PAY_TO } from '@/lib/config/network';
import { dispatchMessage } from '@/lib/messaging';
import { settingsItem } from '@/lib/storage';
import { createHandlers } from '@/lib/app-handlers';
import type { JobRunner } from '@/lib/jobs/runner';
import type { ViewSectionBuilders } from '@/lib/view-ports';

describe('checkServiceUrl', () => {
  it.each([
    ['https://node.example.org', 'https://node.example.org'],
    ['  https://node.example.org/  ', 'https://node.example.org'],
    ['https://mirror.example.org/tronnrg/', 'https://mirror.example.org/tronnrg'],
    ['https://node.example.org:8443/api', 'https://node.example.org:8443/api'],
  ])('accepts %j as %s', (text, url) => {
    expect(checkServiceUrl(text)).toEqual({ ok: true, url });
  });

  it.each([
    ['', 'invalid'],
    ['node.example.org', 'invalid'],
    ['http://node.example.org', 'not_https'],
    ['javascript:alert(1)', 'not_https'],
    ['ftp://node.example.org', 'not_https'],
    ['https://user:secret@node.example.org', 'credentials'],
    ['https://node.example.org/?apikey=1', 'query'],
    ['https://node.example.org/#x', 'query'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(checkServiceUrl(text)).toEqual({ ok: false, problem });
  });

  it('explains every problem and names every service in full sentences', async () => {
    const messages = await shippedMessages();
    for (const problem of ['invalid', 'not_https', 'credentials', 'query']) {
      expect(messages[`options_custom_problems_${problem}`]?.message).toMatch(/^[A-Z].{10,}\.$/);
    }
    expect(messages.options_custom_problems_query?.message).toContain('#');
    for (const service of CUSTOM_SERVICES)
      expect(messages[`options_custom_services_${service}`]?.message).toBeTruthy();
  });

  it('needs a host permission only for hosts the build does not already hold', () => {
    expect(permissionFor('https://api.trongrid.io/custom')).toBeNull();
    expect(permissionFor('https://node.example.org/api')).toBe('https://node.example.org/*');
  });
});

describe('the custom profile', () => {
  it('keeps the documented TronNRG payment address unless TronNRG itself is custom', () => {
    const nodeOnly = resolveEndpoints(
      { profile: 'custom', custom: { tronNode: 'https://node.example.org' } },
      false,
    );
    expect(nodeOnly.tronNode).toBe('https://node.example.org');
    expect(nodeOnly.tronNrgDocumentedPayTo).toBe(TRONNRG_DOCUMENTED_PAY_TO);
    const nrg = resolveEndpoints(
      { profile: 'custom', custom: { tronNrg: 'https://nrg.example.org' } },
      false,
    );
    expect(nrg.tronNrgDocumentedPayTo).toBeUndefined();
  });
});

describe('settings.update with custom addresses', () => {
  const options = { id: 'ext-id', url: 'chrome-extension://ext-id/options.html' };
  const identity = { extensionId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id/' };
  const handlers = createHandlers({ runner: {} as JobRunner, viewSections: {} as ViewSectionBuilders });
  let granted: Set<string>;

  beforeEach(() => {
    fakeBrowser.reset();
    granted = new Set();
    fakeBrowser.permissions.contains = (async ({ origins }: { origins?: string[] }) =>
      (origins ?? []).every((origin) => granted.has(origin))) as typeof fakeBrowser.permissions.contains;
  });

  const update = (patch: unknown) =>
    dispatchMessage('settings.update', patch, options, handlers['settings.update']!, identity);

  it('stores normalized addresses once their hosts are granted, and null goes back to the documented one', async () => {
    granted.add('https://node.example.org/*');
    await update({ network: { profile: 'custom', custom: { tronNode: 'https://node.example.org/v1/' } } });
    expect((await settingsItem.get()).network).toEqual({
      profile: 'custom',
      custom: { tronNode: 'https://node.example.org/v1' },
    });
    await update({ network: { custom: { tronNode: null } } });
    expect((await settingsItem.get()).network.custom).toEqual({});
  });

  it('refuses an address whose host the person did not grant, and changes nothing', async () => {
    await expect(
      update({ network: { profile: 'custom', custom: { twoAml: 'https://aml.example.org' } } }),
    ).rejects.toThrow(/no host permission for https:\/\/aml\.example\.org\/\*/);
    expect((await settingsItem.get()).network).toEqual({ profile: 'production', custom: {} });
  });

  it('refuses what is not an https base address before the handler runs', async () => {
    for (const bad of ['http://node.example.org', 'https://node.example.org/?key=1', 'not a url']) {
      await expect(update({ network: { custom: { tronNode: bad } } })).rejects.toMatchObject({
        code: 'invalid_payload',
      });
    }
    await expect(
      update({ network: { custom: { gateway: 'https://pay.example.org' } } }),
    ).rejects.toMatchObject({
      code: 'invalid_payload',
    });
  });
});
