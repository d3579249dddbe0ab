/**
 * A QR code drawn as inline SVG from `uqr`'s module matrix: one path, dark modules on a light quiet
 * zone, so it scans in light and dark themes alike and needs no image, canvas or innerHTML.
 */
import { encode } from 'uqr';
import { useMemo } from 'preact/hooks';

/** The QR code of `text` as an accessible SVG image. */
export function QrCode({ text, label, size = 168 }: { text: string; label: string; size?: number }) {
  const { path, modules } = useMemo(() => {
    // `M`: readable when a phone camera catches the screen at an angle; `border: 2` is the quiet zone.
    const qr = encode(text, { ecc: 'M', border: 2 });
    let d = '';
    qr.data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      }),
    );
    return { path: d, modules: qr.size };
  }, [text]);
  return (
    <svg
      class="aml-qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shape-rendering="crispEdges"
      data-qr-text={text}
    >
      <rect width={modules} height={modules} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
