import { graphql } from '@/lib/graphql';

export interface ServerSummary {
  id: string;
  name: string;
  memberCount: number;
}

export interface Viewer {
  id: string;
  username: string;
  displayName: string;
}

export interface HomeData {
  me: Viewer | null;
  myServers: ServerSummary[];
}

export const HOME_QUERY = /* GraphQL */ `
  query Home {
    me {
      id
      username
      displayName
    }
    myServers {
      id
      name
      memberCount
    }
  }
`;

const CREATE_SERVER = /* GraphQL */ `
  mutation CreateServer($input: CreateServerInput!) {
    createServer(input: $input) {
      id
      name
      memberCount
    }
  }
`;

export async function createServer(token: string, name: string): Promise<ServerSummary> {
  const data = await graphql<{ createServer: ServerSummary }>(CREATE_SERVER, { input: { name } }, token);
  return data.createServer;
}
