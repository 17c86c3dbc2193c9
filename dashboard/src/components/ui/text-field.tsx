import type { InputHTMLAttributes } from 'react';

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  /** A standing note under the input (a rule to meet, say). */
  hint?: string;
  /** What is wrong with the value: shown under the input in place of the hint, and the input marked invalid. */
  error?: string;
}

/** A labelled input; its hint or error, shown under it, describes it to screen readers too (aria-describedby). */
export function TextField({ label, name, hint, error, ...input }: TextFieldProps) {
  const id = input.id ?? name;
  const noteId = error || hint ? `${id}-note` : undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input className="field-input" name={name} id={id} aria-invalid={error ? true : undefined} aria-describedby={noteId} {...input} />
      {noteId && (
        <p id={noteId} className={error ? 'field-error' : 'muted small'}>
          {error ?? hint}
        </p>
      )}
    </div>
  );
}
