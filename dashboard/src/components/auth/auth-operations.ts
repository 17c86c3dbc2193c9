import { graphql } from '@/lib/graphql';

export type AuthMode = 'login' | 'register';

const LOGIN = /* GraphQL */ `
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
    }
  }
`;

const REGISTER = /* GraphQL */ `
  mutation Register($username: String!, $password: String!) {
    register(username: $username, password: $password) {
      token
    }
  }
`;

const LOGOUT = /* GraphQL */ `
  mutation Logout {
    logout
  }
`;

/** Signs in or registers; resolves to the session token. */
export async function authenticate(mode: AuthMode, username: string, password: string): Promise<string> {
  if (mode === 'login') {
    const data = await graphql<{ login: { token: string } }>(LOGIN, { username, password });
    return data.login.token;
  }
  const data = await graphql<{ register: { token: string } }>(REGISTER, { username, password });
  return data.register.token;
}

/** Ends the session on the server; the caller forgets the token whatever the outcome. */
export async function logout(token: string): Promise<void> {
  await graphql<{ logout: boolean }>(LOGOUT, {}, token);
}
