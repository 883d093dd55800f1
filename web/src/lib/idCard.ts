/**
 * The owner checks the server makes (居民身份证 GB 11643-1999, mobile numbers), run in the page so a
 * clerk sees the problem while typing. The very same functions run on the server, which checks again.
 */
export { ID_CARD_RULE, idCardCheckChar, isValidIdCard } from '../../../server/src/domain/id-card.ts';
export { MOBILE_PATTERN, MOBILE_RULE } from '../../../server/src/domain/contact.ts';
