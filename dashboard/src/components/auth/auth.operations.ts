import { graphql } from '@/gql';

export const LoginMutation = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
    }
  }
`);

export const RegisterMutation = graphql(`
  mutation Register($username: String!, $password: String!, $displayName: String) {
    register(username: $username, password: $password, displayName: $displayName) {
      token
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);
