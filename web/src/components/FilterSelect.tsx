import { Select } from 'antd';

interface FilterSelectProps<V extends string> {
  /** The filter's name, for screen readers and the browser tests. */
  label: string;
  /** What no choice means, e.g. 全部状态. */
  placeholder: string;
  width: number;
  value?: string;
  options?: { value: V; label: string }[];
  onChange: (value?: V) => void;
}

/** A list's filter by one of a few values (kept in the address bar); clearing it shows all. */
export function FilterSelect<V extends string>({ label, placeholder, width, value, options, onChange }: FilterSelectProps<V>) {
  return (
    <Select<string>
      aria-label={label}
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={value}
      options={options}
      // Typed as text so a value read from the address bar fits; what is picked is one of the options.
      onChange={(v?: string) => onChange(v as V | undefined)}
    />
  );
}
