import { Input, type InputProps } from 'antd';

/** An amount typed in yuan (at most two decimals); the text is converted with `fenOf` from ./money. */
export function YuanInput(props: InputProps) {
  return <Input inputMode="decimal" suffix="元" autoComplete="off" {...props} />;
}
