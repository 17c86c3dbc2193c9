import type { AdminServer } from './admin-types';
import type { Me } from '@/components/permissions/hierarchy';

// Fixtures shared by the admin component tests (never imported by the app).

export const owner: Me = { userId: 'u1', isOwner: true, top: 0, permissions: [] };
export const role = (id: string, name: string, position: number, isDefault = false) => ({
  id,
  name,
  color: '#99AAB5',
  position,
  isDefault,
  permissions: [],
  mentionable: false,
});
export const channel = (id: string, name: string, type: 'TEXT' | 'VOICE', extra: Partial<AdminServer['channels'][number]> = {}) => ({
  id,
  name,
  type,
  position: 0,
  description: '',
  topic: null,
  bitrate: 64_000,
  isPrivate: false,
  slowmodeSeconds: 0,
  userLimit: 0,
  myPermissions: [],
  voiceStates: [],
  overwrites: [],
  ...extra,
});
export const server: AdminServer = {
  id: 's1',
  name: 'Garden Club',
  description: '',
  icon: null,
  isPrivate: false,
  myPermissions: [],
  owner: { id: 'u1' },
  myMember: { roles: [] },
  roles: [role('r0', '@everyone', 0, true), role('r1', 'Helpers', 1)],
  channels: [channel('c1', 'general', 'TEXT'), channel('c2', 'Lounge', 'VOICE', { position: 1 })],
};
