/**
 * What UI pages see of the background's state: a read-only snapshot without tokens, keys or
 * secrets. The background pushes a fresh view to every open page whenever stored state changes.
 *
 * Like the protocol map (lib/messaging.ts), this names each feature's section type, never its code:
 * the sections are built by `lib/<feature>/view-section.ts` and handed to the kernel by the
 * background entry.
 */
import type { JobRecord } from './jobs/schema';
import type { Settings } from './storage';
import type { AmlView } from './aml/views';
import type { EnergyView } from './energy/views';
import type { PaymentsView } from './payments/views';

/** The name of the port over which the background pushes the view to extension pages. */
export const VIEW_PORT = 'ampere-view';

export interface JobView {
  id: string;
  kind: string;
  state: string;
  terminal: boolean;
  createdAt: number;
  updatedAt: number;
  error: { code: string; message: string } | null;
  data: Record<string, unknown>;
  log: { state: string; at: number }[];
}

/** The part of the view each feature adds. */
export interface ViewSections {
  /** The 2aml session (never its token) and the check defaults (lib/aml/view-section.ts). */
  aml: AmlView;
  /** The TronLink account, the connect attempt and the rental history (`buildEnergyView` in lib/energy/rentals.ts). */
  energy: EnergyView;
  /** Whether a payment gateway is set up, and its base URL, never its key (lib/payments/view-section.ts). */
  payments: PaymentsView;
}

export interface AppView extends ViewSections {
  version: string;
  profile: Settings['network']['profile'];
  settings: Settings;
  jobs: JobView[];
  pendingJobs: number;
}

/** Fields of job data that never leave the background. */
const PRIVATE_JOB_FIELDS = new Set(['token', 'accessToken', 'apiKey', 'secret']);

/** Builds the view of one job, dropping anything private. */
export function jobView(job: JobRecord): JobView {
  const data = Object.fromEntries(Object.entries(job.data).filter(([key]) => !PRIVATE_JOB_FIELDS.has(key)));
  return { ...job, data };
}

/** Newest first, pending before finished. */
export function sortJobs(jobs: JobView[]): JobView[] {
  return [...jobs].sort((a, b) => Number(a.terminal) - Number(b.terminal) || b.createdAt - a.createdAt);
}
