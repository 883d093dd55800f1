/** `value` when it is one of `allowed` (e.g. a filter read from the address bar), else undefined. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}
