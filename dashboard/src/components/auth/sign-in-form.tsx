'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { authenticate, type AuthMode } from './auth-operations';

export function SignInForm({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const [mode, setMode] = useState<AuthMode>('login');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await authenticate(mode, String(form.get('username') ?? ''), String(form.get('password') ?? '')));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const registering = mode === 'register';
  return (
    <main className="auth">
      <div className="auth-card">
        <h1 className="brand">Rashigo</h1>
        <p className="muted">{registering ? 'Create an account to start chatting.' : 'Welcome back. Sign in to your servers.'}</p>
        <div className="tabs" role="tablist">
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
        <form className="stack" onSubmit={onSubmit}>
          <TextField label="Username" name="username" autoComplete="username" required />
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
      </div>
    </main>
  );
}
