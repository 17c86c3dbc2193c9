'use client';

import { useState, type ChangeEvent } from 'react';
import { useMutation } from 'urql';
import { Avatar, type AvatarUser } from '@/components/members/avatar';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';
import { SetAvatarMutation } from './account.operations';
import { scaleAvatar } from './scale-avatar';

/** The API's limit on an avatar, decoded. */
const MAX_AVATAR_BYTES = 192 * 1024;

/** What a base64 data URL decodes to, in bytes. */
function decodedBytes(dataUrl: string): number {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/**
 * The caller's avatar: a picked image, scaled in the browser to 256×256 before it is sent (an upload,
 * never a link), or none. The mutation answers the user by id, so the cache shows it at once
 * wherever they are shown; others hear MemberUpdated.
 */
export function AvatarForm({ user }: { user: AvatarUser }) {
  const [problem, setProblem] = useState<string>();
  const [status, setStatus] = useState('');
  const [scaling, setScaling] = useState(false);
  const [state, setAvatar] = useMutation(SetAvatarMutation);
  const busy = scaling || state.fetching;

  async function send(image: string | null) {
    const result = await setAvatar({ image });
    if (!result.data) return setProblem(avatarRefusal(apiErrorOf(result.error), image));
    setStatus(image ? 'Avatar updated.' : 'Avatar removed.');
  }

  async function onPick(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // So that picking the same file again is a change too.
    input.value = '';
    if (!file) return;
    setProblem(undefined);
    setStatus('');
    setScaling(true);
    const image = await scaleAvatar(file);
    setScaling(false);
    if (!image) return setProblem('That file is not an image this browser can read. Pick a PNG, JPEG, GIF or WebP image.');
    if (decodedBytes(image) > MAX_AVATAR_BYTES) return setProblem('This image is still over 192 KiB at 256×256. Pick a simpler one.');
    await send(image);
  }

  function remove() {
    setProblem(undefined);
    setStatus('');
    void send(null);
  }

  return (
    <section className="stack account-form" aria-labelledby="account-avatar-title">
      <h3 id="account-avatar-title" className="account-form-title">
        Avatar
      </h3>
      <div className="avatar-picker">
        <Avatar user={user} size={80} />
        <div className="avatar-buttons">
          {/* Visually hidden but focusable: its label is the button seen. */}
          <input
            id="account-avatar-file"
            className="avatar-file"
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            disabled={busy}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'account-avatar-problem' : 'account-avatar-hint'}
            onChange={(event) => void onPick(event)}
          />
          <label htmlFor="account-avatar-file" className="button primary">
            Upload image
          </label>
          {user.avatarUrl && (
            <button type="button" className="button ghost" disabled={busy} onClick={remove}>
              Remove
            </button>
          )}
        </div>
      </div>
      {problem ? (
        <p id="account-avatar-problem" className="field-error" role="alert">
          {problem}
        </p>
      ) : (
        <p id="account-avatar-hint" className="muted small">
          A PNG, JPEG, GIF or WebP image, cropped to a square.
        </p>
      )}
      <p className="muted small" role="status">
        {busy ? 'Saving…' : status}
      </p>
    </section>
  );
}

/** The API's refusal of the image, in a sentence; anything else as it says, or to try again. */
function avatarRefusal(error: ApiError | undefined, image: string | null): string {
  if (error?.code === 'BAD_USER_INPUT' && error.field === 'image') return `Your image ${error.message.replace(/^[\w.]+: /, '')}.`;
  return error?.message ?? `Your avatar was not ${image ? 'saved' : 'removed'}. Try again.`;
}
