import { LineIcon, type LineIconProps } from '@/components/ui/line-icon';

/** Small inline icons for the voice controls; `title` names them for screen readers where they stand alone. */

type IconProps = Pick<LineIconProps, 'className' | 'title'>;

/** A slash across an icon: off, muted, deafened. */
const SLASH = <path d="M3 3l18 18" />;

export const MicIcon = ({ off, ...props }: IconProps & { off?: boolean }) => (
  <LineIcon {...props}>
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
    {off && SLASH}
  </LineIcon>
);

export const HeadphonesIcon = ({ off, ...props }: IconProps & { off?: boolean }) => (
  <LineIcon {...props}>
    <path d="M4 15v-3a8 8 0 0 1 16 0v3" />
    <rect x="3" y="14" width="4" height="7" rx="1.5" />
    <rect x="17" y="14" width="4" height="7" rx="1.5" />
    {off && SLASH}
  </LineIcon>
);

export const HangUpIcon = (props: IconProps) => (
  <LineIcon {...props}>
    <path d="M3 14c5-5 13-5 18 0l-2.5 2.5-3-1.5v-2.5a9 9 0 0 0-7 0V15l-3 1.5z" />
  </LineIcon>
);
