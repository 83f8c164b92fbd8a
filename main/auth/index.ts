export * from './users';
export { LoginThrottle } from './LoginThrottle';
export { permissionsFor, allows } from './permissionsFor';
export { generateTotpSecret, matchTotp, otpauthUrl, totpAt, stepAt } from './totp';
export { qrDataUrl } from './qrDataUrl';
export { disableUser, type DisableUserInput } from './disableUser';
export { enableUser, type EnableUserInput } from './enableUser';
export { resetUserPassphrase, type ResetUserPassphraseInput } from './resetUserPassphrase';
export { changeRole, type ChangeRoleInput } from './changeRole';
