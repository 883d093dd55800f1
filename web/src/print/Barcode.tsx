import JsBarcode from 'jsbarcode';
import { useEffect, useRef } from 'react';

/** A document number as a Code128 barcode (SVG, so it prints sharp at any size). */
export function Barcode({ value, height = 48 }: { value: string; height?: number }) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (ref.current) JsBarcode(ref.current, value, { format: 'CODE128', height, width: 1.6, margin: 0, fontSize: 13, displayValue: true });
  }, [value, height]);
  return <svg ref={ref} role="img" aria-label={`条形码 ${value}`} data-testid="print-barcode" />;
}
