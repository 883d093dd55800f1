export interface StartOptions {
  /** DATABASE_URL is set: a PostgreSQL server, possibly production. */
  postgres: boolean;
  /** `--demo` or WYGL_DEMO=1. */
  demoAsked: boolean;
  /** `--empty` or WYGL_EMPTY=1. */
  emptyAsked: boolean;
}

/**
 * §10: an empty embedded data folder gets the demo city, so a newcomer's `npm start` shows the
 * platform at work; a PostgreSQL server gets it only when asked, as its published passwords must
 * never reach a real platform by accident. `--empty` wins over everything.
 */
export function loadsDemo(o: StartOptions): boolean {
  if (o.emptyAsked) return false;
  return o.postgres ? o.demoAsked : true;
}
