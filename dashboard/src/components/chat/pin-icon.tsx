import { LineIcon } from '@/components/ui/line-icon';

/** A pushpin, drawn in the text's colour; `off` crosses it out (unpin). Decorative: its button or text names it. */
export function PinIcon({ size = 16, off }: { size?: number; off?: boolean }) {
  return (
    <LineIcon size={size} strokeWidth={1.8}>
      <path d="M9 3.5h6M10 3.5v5.2L6.5 13.5h11L14 8.7V3.5M12 13.5V21" />
      {off && <path d="M4 4l16 16" />}
    </LineIcon>
  );
}
