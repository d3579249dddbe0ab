/**
 * A merchant's postback endpoint inside the sandbox, for tests and the tour that run outside its
 * process (the e2e browser, `npm start`): `POST /__sandbox/gateway/receiver` takes a postback and
 * answers the status set with `POST /__sandbox/gateway/receiver/status` (200 by default);
 * `GET /__sandbox/gateway/received` lists what arrived, oldest first.
 */
import type { Hono } from 'hono';
import type { World } from '../../world';

export interface ReceivedPostback {
  at: string;
  status: number;
  body: unknown;
}

/** Adds the receiver's routes to `control`; returns its reset. */
export function addPostbackReceiver(control: Hono, world: World): { reset(): void } {
  let received: ReceivedPostback[] = [];
  let answer = 200;

  control.post('/receiver', async (c) => {
    const text = await c.req.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: the test sees exactly what arrived.
    }
    received.push({ at: new Date(world.clock.now()).toISOString(), status: answer, body });
    return c.json({ received: answer === 200 }, answer as 200);
  });
  control.post('/receiver/status', async (c) => {
    const { status } = (await c.req.json()) as { status?: unknown };
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
      return c.json({ error: 'invalid', message: 'status must be an HTTP status (200-599)' }, 400);
    }
    answer = status;
    return c.json({ status: answer });
  });
  control.get('/received', (c) => c.json({ received }));

  return {
    reset() {
      received = [];
      answer = 200;
    },
  };
}
