import type { JobKind } from '@/lib/jobs/runner';

/** Every durable job kind the runner can step. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const jobKinds: JobKind<any>[] = [];
