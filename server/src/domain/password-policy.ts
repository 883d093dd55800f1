/** SPEC §10: at least 8 characters with at least three of upper, lower, digit, symbol. */
export const PASSWORD_RULE = '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少三类';

export function passwordProblem(password: string): string | null {
  if (password.length < 8 || password.length > 128) return PASSWORD_RULE;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3 ? null : PASSWORD_RULE;
}
