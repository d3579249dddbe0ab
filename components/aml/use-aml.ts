/** The AML screens' part of the app view: the session and check defaults, and jobs by kind. */
import { useAppStore } from '@/components/app-store';

/** The AML part of the app view, or null until the first view arrived. */
export function useAmlView() {
  return useAppStore((state) => state.view?.aml ?? null);
}

/** The jobs of one kind from the app view, newest first. */
export function useJobsOfKind(kind: string) {
  const jobs = useAppStore((state) => state.view?.jobs ?? []);
  return jobs.filter((job) => job.kind === kind);
}

/** A key that changes whenever a job of `kind` changes state (to reload what it affects). */
export function jobsKey(jobs: { id: string; state: string }[]): string {
  return jobs.map((job) => `${job.id}:${job.state}`).join('|');
}
