/**
 * A business rule refused an operation that only a pure function can judge (e.g. a refund larger
 * than what was debited). `rule` is the SPEC number; the message is Chinese, for the user.
 */
export class RuleError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}
