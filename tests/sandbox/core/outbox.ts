import type { Outbox, OutboxMessage, SandboxClock } from '../world';

/** The world's outbox, with `clear()` for a sandbox reset. */
export interface MemoryOutbox extends Outbox {
  clear(): void;
}

/** Keeps every e-mail a service "sends", stamped with virtual time, for tests to read. */
export function createOutbox(clock: SandboxClock): MemoryOutbox {
  let messages: OutboxMessage[] = [];
  return {
    send(message) {
      messages.push({ at: new Date(clock.now()).toISOString(), ...message, data: { ...message.data } });
    },
    messages: () => messages.map((message) => ({ ...message, data: { ...message.data } })),
    clear() {
      messages = [];
    },
  };
}
