/**
 * Reads the stored jobs without writing anything back. `jobsItem.get()` writes what it read back to
 * storage whenever the parsed value's JSON differs from the raw one, and for jobs it always does
 * (Chrome returns object keys sorted, the schema orders them otherwise); such a write that lands
 * after a newer one rolls the newer one back. The energy feature reads a lot while rentals run, so
 * it reads this way and adds no such writes of its own.
 */
import { jobsItem, jobsSchema, type JobsById } from '@/lib/storage';

/** The stored jobs, parsed like `jobsItem` parses them, without a repair write. */
export async function readJobsQuietly(): Promise<JobsById> {
  const stored = await browser.storage.local.get(jobsItem.key.replace(/^local:/, ''));
  const parsed = jobsSchema.safeParse(Object.values(stored)[0] ?? {});
  return parsed.success ? parsed.data : {};
}
