export type Role = 'operator' | 'inspector' | 'port_office' | 'admin';
export const ROLES: readonly Role[] = ['operator', 'inspector', 'port_office', 'admin'];

export interface UserPublic {
  id: string;
  username: string;
  role: Role;
  /** port_office: the jurisdiction zone ids it is bound to. */
  jurisdictions: string[];
  /** In the administrators' account list: the account can no longer log in. */
  disabled?: boolean;
}
