import type { AdminMembersQuery, AdminServerQuery } from '@/gql/graphql';

export type AdminServer = NonNullable<AdminServerQuery['server']>;
export type AdminRole = AdminServer['roles'][number];
export type AdminChannel = AdminServer['channels'][number];
export type AdminMember = NonNullable<AdminMembersQuery['server']>['members'][number];
