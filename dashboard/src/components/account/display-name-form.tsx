'use client';

import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';
import { UpdateProfileMutation } from './account.operations';

/**
 * The caller's display name, prefilled. The mutation answers the user by id, so the cache shows the
 * new name at once wherever it is shown (the user panel among them); others hear MemberUpdated.
 */
export function DisplayNameForm({ current }: { current: string }) {
  const [draft, setDraft] = useState(current);
  const [refusal, setRefusal] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const [state, updateProfile] = useMutation(UpdateProfileMutation);
  const name = draft.trim();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRefusal(undefined);
    const result = await updateProfile({ displayName: name });
    if (!result.data) return setRefusal(nameRefusal(apiErrorOf(result.error)));
    setDraft(result.data.updateProfile.displayName);
    setSaved(true);
  }

  const fieldError = name === '' ? 'Enter a display name.' : refusal?.field === 'displayName' ? refusal.message : undefined;
  return (
    <form className="stack account-form" aria-label="Display name" onSubmit={onSubmit}>
      <TextField
        label="Display name"
        name="displayName"
        autoComplete="nickname"
        maxLength={64}
        value={draft}
        error={fieldError}
        onChange={(event) => {
          setDraft(event.currentTarget.value);
          setRefusal(undefined);
          setSaved(false);
        }}
      />
      {refusal && !refusal.field && <Alert>{refusal.message}</Alert>}
      <div className="account-actions">
        <p className="muted small" role="status">
          {saved ? 'Display name saved.' : ''}
        </p>
        <button className="button primary" type="submit" disabled={state.fetching || !!fieldError || name === current}>
          {state.fetching ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

/** A name the API refused goes under the field, in a sentence; anything else below the form. */
function nameRefusal(error: ApiError | undefined): ApiError {
  if (!error) return { code: 'INTERNAL', message: 'Your display name was not saved. Try again.' };
  if (error.code !== 'BAD_USER_INPUT') return { ...error, field: undefined };
  return { ...error, field: 'displayName', message: `Your display name ${error.message.replace(/^[\w.]+: /, '')}.` };
}
