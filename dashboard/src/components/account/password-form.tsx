'use client';

import { useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { useMutation } from 'urql';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';
import { ChangePasswordMutation } from './account.operations';

type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';
type Passwords = Record<PasswordField, string>;
type FieldErrors = Partial<Record<PasswordField, string>>;

const EMPTY: Passwords = { currentPassword: '', newPassword: '', confirmPassword: '' };
/** In the order of the form: the first with an error takes the focus. */
const FIELDS = Object.keys(EMPTY) as PasswordField[];
/** The API's rule for a new password (as for registering). */
const NEW_PASSWORD_RULE = 'Your new password must be 8 to 256 characters.';

/**
 * Changes the password, given the current one. The API then ends every other session of the member
 * (their other tabs and devices go back to sign-in); this one stays signed in.
 */
export function PasswordForm({ username }: { username: string }) {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string>();
  const [changed, setChanged] = useState(false);
  const [state, changePassword] = useMutation(ChangePasswordMutation);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    // Shown before the focus moves, so the field is read out with its error.
    const showErrors = (found: FieldErrors) => {
      flushSync(() => setErrors(found));
      const first = FIELDS.find((field) => found[field]);
      if (first) (form.elements.namedItem(first) as HTMLInputElement).focus();
      return !!first;
    };
    setRefusal(undefined);
    setChanged(false);
    if (showErrors(passwordProblems(values))) return;
    const result = await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    if (result.data?.changePassword) {
      setValues(EMPTY);
      setChanged(true);
      return;
    }
    const { field, message } = passwordRefusal(apiErrorOf(result.error));
    if (field) showErrors({ [field]: message });
    else setRefusal(message);
  }

  const field = (name: PasswordField, label: string, autoComplete: string, hint?: string) => (
    <TextField
      label={label}
      name={name}
      type="password"
      autoComplete={autoComplete}
      hint={hint}
      value={values[name]}
      error={errors[name]}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setValues((all) => ({ ...all, [name]: value }));
        setErrors((all) => ({ ...all, [name]: undefined }));
        setChanged(false);
      }}
    />
  );

  return (
    <form className="stack account-form" aria-labelledby="account-password-title" onSubmit={onSubmit}>
      <h3 id="account-password-title" className="account-form-title">
        Change password
      </h3>
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      {field('currentPassword', 'Current password', 'current-password')}
      {field('newPassword', 'New password', 'new-password', '8 to 256 characters.')}
      {field('confirmPassword', 'Confirm new password', 'new-password')}
      {refusal && <Alert>{refusal}</Alert>}
      <div className="account-actions">
        <p className="muted small" role="status">
          {changed ? 'Password changed. Your other sessions were signed out.' : ''}
        </p>
        <button className="button primary" type="submit" disabled={state.fetching}>
          {state.fetching ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}

/** What is wrong before the API is asked: nothing is sent while any of it is. */
export function passwordProblems({ currentPassword, newPassword, confirmPassword }: Passwords): FieldErrors {
  const problems: FieldErrors = {};
  if (!currentPassword) problems.currentPassword = 'Enter your current password.';
  if (newPassword.length < 8 || newPassword.length > 256) problems.newPassword = NEW_PASSWORD_RULE;
  if (confirmPassword !== newPassword) problems.confirmPassword = 'The new passwords do not match.';
  return problems;
}

/** The API's refusal in the form's words: on the field it concerns, or for the whole form. */
export function passwordRefusal(error: ApiError | undefined): { field?: PasswordField; message: string } {
  if (error?.code === 'BAD_USER_INPUT' && error.field === 'currentPassword')
    return { field: 'currentPassword', message: 'That is not your current password.' };
  if (error?.code === 'BAD_USER_INPUT' && error.field === 'newPassword') return { field: 'newPassword', message: NEW_PASSWORD_RULE };
  if (error?.code === 'RATE_LIMITED') {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1_000) / 1_000));
    return { message: `Too many attempts: try again in ${seconds} s.` };
  }
  return { message: 'Your password was not changed. Try again.' };
}
