/** Luhn (mod 10) check digit over the digits of a business number: catches one mistyped digit and most swaps. */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Appends the check digit of the number's digits: JK202611220001 → JK2026112200013. */
export function withCheckDigit(no: string): string {
  return no + luhnDigit(no.replace(/\D/g, ''));
}

export function hasValidCheckDigit(no: string): boolean {
  const digits = no.replace(/\D/g, '');
  return digits.length >= 2 && luhnDigit(digits.slice(0, -1)) === digits.at(-1);
}
