'use client';

import { ContextMenu } from 'radix-ui';
import type { ReactElement } from 'react';
import { useMarkServerRead } from './use-mark-server-read';

interface ServerContextMenuProps {
  serverId: string;
  /** As the server's icon shows it: with nothing unread there is nothing to mark. */
  hasUnread: boolean;
  /** The server's icon: opens the menu on a right click, or a long press on a touch screen. */
  children: ReactElement;
}

/**
 * The rail icon's right-click menu. The icon stays a plain link (a click goes to the server); a
 * keyboard has no right click, and finds the same action in the open server's ⋯ menu (ServerActions).
 */
export function ServerContextMenu({ serverId, hasUnread, children }: ServerContextMenuProps) {
  const markServerRead = useMarkServerRead();
  return (
    <ContextMenu.Root>
      <ContextMenu.Trigger asChild>{children}</ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content className="menu">
          <ContextMenu.Item className="menu-item" disabled={!hasUnread} onSelect={() => void markServerRead(serverId)}>
            Mark as read
          </ContextMenu.Item>
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}
