import { SetMetadata } from '@nestjs/common';
import type { Role } from '@seawarden/contracts';

export const ROLES_KEY = 'seawarden:roles';
export const PUBLIC_KEY = 'seawarden:public';

/** Who may call this route or socket event. Routes without @Roles or @Public are denied. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** No token needed. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
export const ANY_ROLE: Role[] = ['operator', 'inspector', 'port_office', 'admin'];
