import type { ServerSummary } from './server-operations';

interface ServerListProps {
  servers: ServerSummary[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}

export function ServerList({ servers, selectedId, onSelect }: ServerListProps) {
  if (servers.length === 0) return <p className="muted small">You are not in any server yet. Create one below.</p>;
  return (
    <ul className="server-list" aria-label="My servers">
      {servers.map((server) => (
        <li key={server.id}>
          <button
            type="button"
            className={server.id === selectedId ? 'server-item selected' : 'server-item'}
            aria-current={server.id === selectedId}
            onClick={() => onSelect(server.id)}
          >
            <span className="server-avatar" aria-hidden>
              {initials(server.name)}
            </span>
            <span className="server-text">
              <span className="server-name">{server.name}</span>
              <span className="muted small">
                {server.memberCount} {server.memberCount === 1 ? 'member' : 'members'}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}
