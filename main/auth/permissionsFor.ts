import { ROLE_PERMISSIONS, type Access, type Permission, type Role } from '../../contract';

export function permissionsFor(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

export function allows(role: Role, access: Access): boolean {
  if (access === 'public' || access === 'session') return true;
  return ROLE_PERMISSIONS[role].includes(access);
}
