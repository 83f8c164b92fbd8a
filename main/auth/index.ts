export * from './users';
export { LoginThrottle } from './LoginThrottle';
export { permissionsFor, allows } from './permissionsFor';
export { generateTotpSecret, matchTotp, otpauthUrl, totpAt, stepAt } from './totp';
export { qrDataUrl } from './qrDataUrl';
