/** One problem, readable, announced to screen readers, with its stable code for tests. */
import type { Problem } from '@/lib/outcome';

/** Shows `problem` as an alert, or nothing. */
export function ProblemNotice({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <p class="notice error" role="alert" data-problem={problem.code}>
      {problem.message}
    </p>
  );
}
