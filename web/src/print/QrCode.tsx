import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A document number as a QR code, for scanning at the fund office's window. */
export function QrCode({ value, size = 96 }: { value: string; size?: number }) {
  const [svg, setSvg] = useState<string>();
  useEffect(() => {
    let current = true;
    QRCode.toString(value, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }).then((markup) => {
      if (current) setSvg(markup);
    });
    return () => {
      current = false;
    };
  }, [value]);
  const src = svg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : undefined;
  return src ? (
    <img src={src} width={size} height={size} alt={`二维码 ${value}`} data-testid="print-qrcode" />
  ) : (
    <span style={{ width: size, height: size }} />
  );
}
