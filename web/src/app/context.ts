import type { UserPublic } from '@seawarden/contracts';
import type { RuntimeConfig, ZoneCollection } from '../api/api-client.js';
import type { LiveConnection } from '../live/live-socket.js';

/** What every view gets: the signed-in user, the live socket, runtime config and the zones. */
export interface ViewContext {
  user: UserPublic;
  live: LiveConnection;
  config: RuntimeConfig;
  zones: () => Promise<ZoneCollection>;
  /** Notices at the top of the view (errors, confirmations). */
  notify: (text: string, kind?: 'info' | 'error') => void;
}

/** A mounted view; the returned function unmounts it. */
export type Unmount = () => void;
