import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { jobsItem, settingsItem } from '@/lib/storage';
import type { JobRecord } from '@/lib/jobs/schema';

const job = (id: string): JobRecord => ({
  id,
  kind: 'test',
  state: 'start',
  terminal: false,
  createdAt: 1,
  updatedAt: 1,
  nextRunAt: 1,
  attempts: 0,
  error: null,
  data: {},
  log: [{ state: 'start', at: 1 }],
});

describe('stored items', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives defaults when nothing is stored', async () => {
    const settings = await settingsItem.get();
    expect(settings.network.profile).toBe('production');
    expect(settings.badges).toEqual({ enabled: true, freeSignals: true, lookalikeSensitivity: 'normal' });
    expect(settings.privacy.keepSignedIn).toBe(false);
  });

  it('repairs invalid settings field by field instead of crashing, and stores the repair on the next write', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        network: { profile: 'moon', custom: {} },
        badges: { enabled: false, freeSignals: 3 },
        privacy: 'x',
      },
    });
    const settings = await settingsItem.get();
    expect(settings.network.profile).toBe('production');
    expect(settings.badges.enabled).toBe(false); // the valid field survives
    expect(settings.badges.freeSignals).toBe(true);
    expect(settings.privacy).toEqual({ keepSignedIn: false, sendFingerprint: false });
    const untouched = (await fakeBrowser.storage.local.get('settings')) as { settings: unknown };
    expect(untouched.settings).toMatchObject({ network: { profile: 'moon' } }); // a read never writes
    await settingsItem.update((current) => current);
    const stored = (await fakeBrowser.storage.local.get('settings')) as { settings: typeof settings };
    expect(stored.settings).toEqual(settings);
  });

  it('drops only the corrupt jobs and keeps the rest', async () => {
    await fakeBrowser.storage.local.set({ jobs: { good: job('good'), bad: { id: 'bad', kind: 3 } } });
    const jobs = await jobsItem.get();
    expect(Object.keys(jobs)).toEqual(['good']);
  });

  it('falls back to an empty job list when the whole value is garbage', async () => {
    await fakeBrowser.storage.local.set({ jobs: 'not a map' });
    expect(await jobsItem.get()).toEqual({});
  });

  it('never loses a write when reads and updates race', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 ? jobsItem.get() : jobsItem.update((jobs) => ({ ...jobs, [`r${i}`]: job(`r${i}`) })),
      ),
    );
    expect(Object.keys(await jobsItem.get())).toHaveLength(10);
  });

  it('never loses a write when updates race', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => jobsItem.update((jobs) => ({ ...jobs, [`j${i}`]: job(`j${i}`) }))),
    );
    expect(Object.keys(await jobsItem.get())).toHaveLength(20);
  });

  it('repairs a wrongly typed field on write, so what is stored always parses', async () => {
    await expect(
      settingsItem.set({ ...(await settingsItem.get()), badges: { enabled: 'on' } } as never),
    ).resolves.toBeUndefined();
    // `.catch` in the schema repairs rather than rejects: what is stored is valid.
    expect((await settingsItem.get()).badges.enabled).toBe(true);
  });
});
