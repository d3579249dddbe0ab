/** One problem, readable, announced to screen readers, with its stable code for tests. */
import type { AmlProblem } from '@/lib/aml/views';

/** Shows `problem` as an alert, or nothing. */
export function ProblemNotice({ problem }: { problem: AmlProblem | null }) {
  if (!problem) return null;
  return (
    <p class="notice error" role="alert" data-problem={problem.code}>
      {problem.message}
    </p>
  );
}
