/** Field formats shared by every form that takes a phone or mobile number. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const MOBILE_RULE = '手机号须为 11 位数字，以 1 开头';
// Landlines as written in Guangdong: 0750-1234567, 07501234567, or a mobile.
export const PHONE_PATTERN = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9})$/;
export const PHONE_RULE = '联系电话须为固定电话（如 0750-3123456）或 11 位手机号';
