'use client';

import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useSession } from '@/components/session/api-provider';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { apiErrorOf } from '@/lib/api-errors';
import { LoginMutation, RegisterMutation } from './auth.operations';

type AuthMode = 'login' | 'register';

interface SignInFormProps {
  /** A line above the form saying why signing in is needed (an invite, for example). */
  reason?: string;
  /** Offered as a one-click sign-in when the first-run seed created it. */
  demoLogin?: { username: string; password: string } | null;
}

/** Sign in or register; the new token is stored for every tab and the page carries on where it was. */
export function SignInForm({ reason, demoLogin }: SignInFormProps) {
  const { setToken } = useSession();
  const [mode, setMode] = useState<AuthMode>('login');
  const [error, setError] = useState<string>();
  const [loginState, login] = useMutation(LoginMutation);
  const [registerState, register] = useMutation(RegisterMutation);
  const busy = loginState.fetching || registerState.fetching;

  async function signIn(username: string, password: string) {
    setError(undefined);
    const result = await login({ username, password });
    if (result.data) setToken(result.data.login.token);
    else setError(apiErrorOf(result.error)?.message);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (mode === 'login') return signIn(username, password);
    setError(undefined);
    const displayName = String(form.get('displayName') ?? '').trim() || undefined;
    const result = await register({ username, password, displayName });
    if (result.data) setToken(result.data.register.token);
    else setError(apiErrorOf(result.error)?.message);
  }

  const registering = mode === 'register';
  return (
    <main className="auth">
      <div className="auth-card">
        <h1 className="brand">Rashigo</h1>
        <p className="muted">
          {reason ?? (registering ? 'Create an account to start chatting.' : 'Welcome back. Sign in to your servers.')}
        </p>
        <div className="tabs" role="tablist" aria-label="Sign in or register">
          <button
            type="button"
            role="tab"
            aria-selected={!registering}
            className={registering ? 'tab' : 'tab active'}
            onClick={() => setMode('login')}
          >
            Sign in
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={registering}
            className={registering ? 'tab active' : 'tab'}
            onClick={() => setMode('register')}
          >
            Register
          </button>
        </div>
        <form className="stack" onSubmit={onSubmit} aria-label={registering ? 'Register' : 'Sign in'}>
          <TextField label="Username" name="username" autoComplete="username" required maxLength={32} />
          {registering && <TextField label="Display name (optional)" name="displayName" autoComplete="nickname" maxLength={64} />}
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete={registering ? 'new-password' : 'current-password'}
            minLength={registering ? 8 : undefined}
            required
          />
          {error && <Alert>{error}</Alert>}
          <button className="button primary" type="submit" disabled={busy}>
            {busy ? 'Please wait…' : registering ? 'Create account' : 'Sign in'}
          </button>
        </form>
        {demoLogin && !registering && (
          <button
            type="button"
            className="button ghost"
            disabled={busy}
            onClick={() => void signIn(demoLogin.username, demoLogin.password)}
          >
            Try the demo (sign in as “{demoLogin.username}”)
          </button>
        )}
      </div>
    </main>
  );
}
