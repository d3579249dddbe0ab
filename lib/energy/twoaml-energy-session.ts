/**
 * The Rent TRON Energy namespace over the background's one 2aml session (lib/twoaml/background-session.ts):
 * the same bearer token as the AML tab, so signing in there signs in here, and a 401 on either ends both.
 */
import { createTwoAmlClient } from '@/lib/twoaml/client';
import { twoAmlSession } from '@/lib/twoaml/background-session';
import { createEndpointClients } from '@/lib/service-clients';
import { createTwoAmlEnergyApi, type TwoAmlEnergyApi } from './twoaml-orders-api';

const energyApi = createEndpointClients(
  (endpoints) =>
    createTwoAmlEnergyApi(createTwoAmlClient({ baseUrl: endpoints.twoAml, ...twoAmlSession.credentials })),
  undefined,
  ['twoAml'],
);

/** The signed-in energy API and whose session it is, or null when nobody is signed in to 2aml. */
export async function twoAmlEnergySession(): Promise<{
  api: TwoAmlEnergyApi;
  userId: number;
  email: string;
} | null> {
  const state = await twoAmlSession.ready();
  if (state.kind !== 'signed_in') return null;
  return { api: await energyApi(), userId: state.session.user.id, email: state.session.user.email };
}
