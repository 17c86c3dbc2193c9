/** A 24×24 line drawing in the text's colour; decorative unless `title` names it for screen readers. */
export interface LineIconProps {
  size?: number;
  strokeWidth?: number;
  className?: string;
  title?: string;
}

export function LineIcon({ size = 16, strokeWidth = 2, className, title, children }: LineIconProps & { children: React.ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      className={className}
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
      strokeLinecap="round"
      strokeLinejoin="round"
      role={title ? 'img' : undefined}
      aria-label={title}
      aria-hidden={title ? undefined : true}
    >
      {title && <title>{title}</title>}
      {children}
    </svg>
  );
}

/** Close, remove. */
export const CrossIcon = ({ size = 20 }: { size?: number }) => (
  <LineIcon size={size} strokeWidth={2.2}>
    <path d="M6 6l12 12M18 6L6 18" />
  </LineIcon>
);
