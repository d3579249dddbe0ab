/** A good outcome (sent, confirmed, credited), announced politely to screen readers. */

/** Shows `text` as a status line, or nothing. */
export function StatusNotice({ text }: { text: string | null | false }) {
  if (!text) return null;
  return (
    <p class="notice ok" role="status">
      {text}
    </p>
  );
}
