/** The `aml` part of the app view: the session as pages may see it and the check defaults. */
import type { AmlView } from '@/lib/aml/views';
import { amlPreferencesItem } from './preferences';
import { twoAmlSession } from '../twoaml/background-session';

/** Builds the AML view (no token, no challenge token, no password: there is none to leak). */
export async function buildAmlView(): Promise<AmlView> {
  const [session, preferences] = await Promise.all([twoAmlSession.view(), amlPreferencesItem.get()]);
  return { session, preferences };
}
