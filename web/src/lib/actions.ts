/**
 * The steps the server offers on an object (an application, a project request): each allowed or
 * blocked with its reason, decided by the server from the object's status and the user's roles, so
 * no page repeats those rules.
 */
export interface OfferedAction<A extends string = string> {
  action: A;
  allowed: boolean;
  blockedBy: { message: string } | null;
}

/** Whether the server offers `action` on `subject` to the current user. */
export function allows<A extends string>(subject: { actions: readonly OfferedAction<A>[] } | undefined, action: A): boolean {
  return subject?.actions.some((a) => a.action === action && a.allowed) ?? false;
}

/** Why the server blocks `action` on `subject` for the current user, or null when it is allowed or not offered. */
export function blockedReason<A extends string>(subject: { actions: readonly OfferedAction<A>[] } | undefined, action: A): string | null {
  return subject?.actions.find((a) => a.action === action && !a.allowed)?.blockedBy?.message ?? null;
}
