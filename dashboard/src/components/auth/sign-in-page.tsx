'use client';

import { useQuery } from 'urql';
import { graphql } from '@/gql';
import { SignInForm } from './sign-in-form';

const DemoLoginQuery = graphql(`
  query DemoLogin {
    demoLogin {
      username
      password
    }
  }
`);

/** The signed-out home: sign in or register (or try the demo, when the seed created it). */
export function SignInPage({ reason }: { reason?: string }) {
  const [{ data }] = useQuery({ query: DemoLoginQuery });
  return <SignInForm reason={reason} demoLogin={data?.demoLogin} />;
}
