import { parseYuan, YUAN_RULE } from '../../lib/units';

/**
 * Amounts are typed in yuan and kept as the typed text until sent: `fenOf` turns the text into
 * integer fen by string parsing, never through floating point (text that is not an amount gives 0;
 * the field's rules have refused it by then).
 */
export const fenOf = (text: string | undefined): number => parseYuan(text ?? '') ?? 0;

/** antd rules for an amount field; `positive`: zero is refused as well. */
export function yuanRules(label: string, { required = true, positive = false } = {}) {
  return [
    { required, whitespace: true, message: `请填写${label}` },
    {
      validator: (_: unknown, value?: string) => {
        if (!value?.trim()) return Promise.resolve();
        const fen = parseYuan(value);
        if (fen === null) return Promise.reject(new Error(`${label}${YUAN_RULE}`));
        if (positive && fen === 0) return Promise.reject(new Error(`${label}须大于 0`));
        return Promise.resolve();
      },
    },
  ];
}
