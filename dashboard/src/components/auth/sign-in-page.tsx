'use client';

import { SignInForm } from './sign-in-form';

/** The signed-out home: sign in or register, then the page that asked for it carries on. */
export function SignInPage({ reason }: { reason?: string }) {
  return <SignInForm reason={reason} />;
}
