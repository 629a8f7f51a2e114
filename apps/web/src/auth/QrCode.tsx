/**
 * A QR code drawn in the page from its modules (uqr, MIT): the enrolment secret never leaves
 * the browser for a third-party image service.
 */
import { encode } from "uqr";

export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const { data } = encode(text, { ecc: "M", border: 2 });
  const n = data.length;
  let path = "";
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) if (data[y][x]) path += `M${x} ${y}h1v1h-1z`;
  }
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${n} ${n}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      data-testid="qr-code"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
